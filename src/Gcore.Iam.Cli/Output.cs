using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli;

/// <summary>The output formats of <c>--format</c>.</summary>
internal enum OutputFormat
{
    /// <summary>Aligned columns for people (a list), or one "field  value" line per field (one object).</summary>
    Table,

    /// <summary>The API's own JSON (an array for lists), indented.</summary>
    Json,

    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,

    /// <summary>JSON Lines: one compact JSON object a line, written as each arrives.</summary>
    Jsonl,
}

/// <summary>A column of a table or CSV view: its header and how to get the text from a row.</summary>
/// <typeparam name="T">The row type.</typeparam>
internal sealed record Column<T>(string Header, Func<T, string?> Value);

/// <summary>Writes results to stdout in the chosen format; nothing else ever goes there.</summary>
internal sealed partial class OutputWriter(TextWriter output, OutputFormat format)
{
    private static readonly JsonSerializerSettings JsonSettings = new()
    {
        Formatting = Formatting.Indented,
        DateParseHandling = DateParseHandling.None,
    };

    private static readonly JsonSerializerSettings JsonLineSettings = new()
    {
        Formatting = Formatting.None,
        DateParseHandling = DateParseHandling.None,
    };

    public OutputFormat Format => format;

    /// <summary>Writes a list: a table with a header, a JSON array, JSON lines, or CSV rows.</summary>
    public void WriteList<T>(IReadOnlyList<T> rows, IReadOnlyList<Column<T>> columns)
    {
        var list = StartList(columns);
        list.Add(rows);
        list.Complete();
    }

    /// <summary>Writes one object: "field  value" lines, the JSON object, or a CSV header and one row.</summary>
    public void WriteObject<T>(T value, IReadOnlyList<Column<T>> fields)
        where T : notnull
    {
        switch (format)
        {
            case OutputFormat.Json:
                WriteLine(JsonConvert.SerializeObject(value, JsonSettings));
                break;
            case OutputFormat.Jsonl:
                WriteLine(JsonConvert.SerializeObject(value, JsonLineSettings));
                break;
            case OutputFormat.Csv:
                WriteLine(CsvLine(fields.Select(f => f.Header)));
                WriteLine(CsvLine(fields.Select(f => f.Value(value))));
                break;
            default:
                var width = fields.Max(f => DisplayWidth(f.Header));
                foreach (var field in fields)
                {
                    WriteLine(Pad(field.Header, width) + "  " + Clean(field.Value(value)));
                }

                break;
        }

        Flush();
    }

    /// <summary>Writes text as it is (lines), such as the request of a dry run.</summary>
    public void WriteText(string text)
    {
        WriteLine(text);
        Flush();
    }

    /// <summary>Writes one line, turning a closed pipe into <see cref="OutputClosedException"/>.</summary>
    private void WriteLine(string line) => Write(line + "\n");

    /// <summary>Writes text; a closed pipe is <see cref="OutputClosedException"/>.</summary>
    private void Write(string text)
    {
        try
        {
            output.Write(text.Replace("\n", output.NewLine, StringComparison.Ordinal));
        }
        catch (IOException e)
        {
            throw new OutputClosedException(e);
        }
    }

    /// <summary>Hands what was written to the reader (after each page, so that it sees each page as it arrives); a closed pipe is <see cref="OutputClosedException"/>.</summary>
    private void Flush()
    {
        try
        {
            output.Flush();
        }
        catch (IOException e)
        {
            throw new OutputClosedException(e);
        }
    }

    /// <summary>A JSON value (the whole object, for formats that need more than the columns).</summary>
    public static string ToJson(object value) => JsonConvert.SerializeObject(value, Formatting.None);

    private static string Line(string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(i == cells.Length - 1 ? cells[i] : Pad(cells[i], widths[i]) + "  ");
        }

        return line.ToString().TrimEnd();
    }

    private static string CsvLine(IEnumerable<string?> values) => string.Join(",", values.Select(Csv));

    private static string Csv(string? value)
    {
        value ??= "";
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    // Control characters from the server must not move the cursor or forge lines in a terminal.
    private static string Clean(string? value) =>
        string.IsNullOrEmpty(value) ? "-" : new string(value.Select(ch => char.IsControl(ch) ? ' ' : ch).ToArray());

    private static string Pad(string text, int width) => text + new string(' ', Math.Max(0, width - DisplayWidth(text)));

    /// <summary>Terminal columns a string takes: East Asian wide characters take two.</summary>
    internal static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var ch in text)
        {
            width += ch is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
                or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6')
                ? 2
                : 1;
        }

        return width;
    }

    public static string Join<TItem>(IEnumerable<TItem>? items, Func<TItem, string?> text) =>
        items is null ? "" : string.Join(";", items.Select(text).Where(t => !string.IsNullOrEmpty(t)));

    public static string Text(bool? value) => value switch { true => "yes", false => "no", null => "" };

    public static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Text(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static JToken Parse(string json) => JToken.Parse(json);
}

/// <summary>stdout's reader went away (a closed pipe, as with <c>| head</c>): nothing more can be written.</summary>
internal sealed class OutputClosedException(IOException inner) : Exception("The reader of the output went away.", inner);
