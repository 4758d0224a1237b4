using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Json;

/// <summary>RFC 6901 JSON pointers over <see cref="JsonNode"/> trees.</summary>
internal static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static JsonNode? Resolve(JsonNode root, string pointer)
    {
        if (pointer.Length == 0)
        {
            return root;
        }

        if (!pointer.StartsWith('/'))
        {
            throw new FormatException($"Not a JSON pointer: {pointer}");
        }

        JsonNode? node = root;
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = Unescape(raw);
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(token, out var v) ? v : null,
                JsonArray a when int.TryParse(token, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The pointer of a local reference (<c>#/components/schemas/User</c>), or null for any other reference.</summary>
    public static string? FromLocalRef(string reference) =>
        reference.StartsWith("#/", StringComparison.Ordinal) ? Uri.UnescapeDataString(reference[1..]) : null;
}
