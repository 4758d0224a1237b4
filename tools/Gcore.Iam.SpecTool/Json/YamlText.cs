using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.OpenApi.YamlReader;
using SharpYaml.Serialization;

namespace Gcore.Iam.SpecTool.Json;

/// <summary>
/// Reads JSON or YAML into a <see cref="JsonNode"/> tree and writes a tree as YAML in one fixed
/// form: block style, two-space indent, keys in the tree's order, plain scalars where YAML reads
/// them back as the same string, double-quoted (JSON escapes) otherwise, LF line ends. The same
/// tree always gives the same bytes.
/// </summary>
internal static partial class YamlText
{
    public static JsonNode Parse(string text)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('{'))
        {
            return JsonNode.Parse(trimmed, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })
                ?? throw new FormatException("The document is JSON null.");
        }

        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count != 1)
        {
            throw new FormatException($"Expected one YAML document, found {stream.Documents.Count}.");
        }

        return stream.Documents[0].ToJsonNode() ?? throw new FormatException("The YAML document is empty.");
    }

    public static string Write(JsonNode root)
    {
        var sb = new StringBuilder();
        WriteNode(sb, root, 0, inSequence: false);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, JsonNode? node, int indent, bool inSequence)
    {
        switch (node)
        {
            case JsonObject obj:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!(first && inSequence))
                    {
                        sb.Append(' ', indent);
                    }

                    first = false;
                    sb.Append(Scalar(key)).Append(':');
                    WriteValueAfterKey(sb, value, indent);
                }

                break;
            case JsonArray arr:
                var firstItem = true;
                foreach (var item in arr)
                {
                    if (!(firstItem && inSequence))
                    {
                        sb.Append(' ', indent);
                    }

                    firstItem = false;
                    sb.Append('-');
                    if (IsEmptyOrScalar(item))
                    {
                        sb.Append(' ').Append(Inline(item)).Append('\n');
                    }
                    else
                    {
                        sb.Append(' ');
                        WriteNode(sb, item, indent + 2, inSequence: true);
                    }
                }

                break;
            default:
                sb.Append(' ', indent).Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteValueAfterKey(StringBuilder sb, JsonNode? value, int indent)
    {
        if (IsEmptyOrScalar(value))
        {
            sb.Append(' ').Append(Inline(value)).Append('\n');
        }
        else if (value is JsonArray)
        {
            sb.Append('\n');
            WriteNode(sb, value, indent + 2, inSequence: false);
        }
        else
        {
            sb.Append('\n');
            WriteNode(sb, value, indent + 2, inSequence: false);
        }
    }

    private static bool IsEmptyOrScalar(JsonNode? node) => node switch
    {
        JsonObject o => o.Count == 0,
        JsonArray a => a.Count == 0,
        _ => true,
    };

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Scalar(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
        _ => throw new InvalidOperationException($"Cannot write {node.GetValueKind()} as YAML."),
    };

    /// <summary>A string as a plain scalar when YAML reads it back as the same string, else double-quoted.</summary>
    internal static string Scalar(string s)
    {
        if (PlainSafe().IsMatch(s) && !LooksLikeOtherType(s))
        {
            return s;
        }

        return JsonSerializer.Serialize(s, QuotedOptions);
    }

    private static readonly JsonSerializerOptions QuotedOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static bool LooksLikeOtherType(string s) =>
        s.Length == 0
        || ReservedWords.Contains(s)
        || double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("0o", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith('.');

    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", ".nan",
    };

    // Letters, digits and a few punctuation marks that mean nothing to YAML in this position;
    // no leading or trailing space, no ": " or " #".
    [GeneratedRegex(@"^[A-Za-z0-9_/$][A-Za-z0-9_./()+,'{}\-]*( [A-Za-z0-9_./()+,'{}\-]+)*$")]
    private static partial Regex PlainSafe();
}
