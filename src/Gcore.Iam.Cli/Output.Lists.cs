using Newtonsoft.Json;

namespace Gcore.Iam.Cli;

/// <summary>
/// Lists written as their pages arrive: a table whose columns take their widths from the first page,
/// CSV rows, a JSON array that grows one element at a time, or JSON lines. A write to a stdout whose
/// reader went away (a closed pipe) ends the command quietly (<see cref="OutputClosedException"/>).
/// </summary>
internal sealed partial class OutputWriter
{
    /// <summary>Starts a list; add its rows page by page, then complete it.</summary>
    public ListWriter<T> StartList<T>(IReadOnlyList<Column<T>> columns) => new(this, columns);

    /// <summary>One list being written.</summary>
    internal sealed class ListWriter<T>(OutputWriter writer, IReadOnlyList<Column<T>> columns)
    {
        private int[]? _widths;
        private bool _started;
        private int _count;

        /// <summary>Writes the rows of one page (the header or the array's start with the first).</summary>
        public void Add(IReadOnlyList<T> rows)
        {
            switch (writer.Format)
            {
                case OutputFormat.Json:
                    foreach (var row in rows)
                    {
                        var element = JsonConvert.SerializeObject(row, JsonSettings).Replace("\n", "\n  ", StringComparison.Ordinal);
                        writer.Write((_count == 0 ? "[\n  " : ",\n  ") + element);
                        _count++;
                    }

                    break;
                case OutputFormat.Jsonl:
                    foreach (var row in rows)
                    {
                        writer.WriteLine(JsonConvert.SerializeObject(row, JsonLineSettings));
                    }

                    break;
                case OutputFormat.Csv:
                    Header(() => writer.WriteLine(CsvLine(columns.Select(c => c.Header))));
                    foreach (var row in rows)
                    {
                        writer.WriteLine(CsvLine(columns.Select(c => c.Value(row))));
                    }

                    break;
                default:
                    var cells = rows.Select(r => columns.Select(c => Clean(c.Value(r))).ToArray()).ToList();
                    _widths ??= columns.Select((c, i) => Math.Max(DisplayWidth(c.Header), cells.Count == 0 ? 0 : cells.Max(row => DisplayWidth(row[i])))).ToArray();
                    Header(() => writer.WriteLine(Line(columns.Select(c => c.Header).ToArray(), _widths)));
                    foreach (var row in cells)
                    {
                        writer.WriteLine(Line(row, _widths));
                    }

                    break;
            }

            writer.Flush();
        }

        /// <summary>Ends the list: closes the JSON array; an empty list still gets its header or <c>[]</c>.</summary>
        public void Complete()
        {
            switch (writer.Format)
            {
                case OutputFormat.Json:
                    writer.WriteLine(_count == 0 ? "[]" : "\n]");
                    break;
                case OutputFormat.Jsonl:
                    break;
                default:
                    if (!_started)
                    {
                        Add([]);
                    }

                    break;
            }

            writer.Flush();
        }

        private void Header(Action write)
        {
            if (!_started)
            {
                _started = true;
                write();
            }
        }
    }
}
