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

    /// <summary>The most references followed in one chain (a reference to a reference ...) before the chain is taken for a cycle.</summary>
    public const int MaxReferenceChain = 32;

    /// <summary>
    /// THE one way the SpecTool follows <c>$ref</c>: from <paramref name="node"/> along its chain of local
    /// references to the object at the end, each one below <paramref name="under"/> when given
    /// (<c>/components/parameters/</c>, say). A reference that is not local, points elsewhere, dangles,
    /// or makes a chain longer than <see cref="MaxReferenceChain"/> (a cycle) fails with
    /// <paramref name="fail"/>'s exception, whose message names the reference.
    /// </summary>
    public static JsonObject FollowReferences(JsonNode root, JsonObject node, Func<string, Exception> fail, string? under = null)
    {
        for (var followed = 0; node["$ref"] is JsonValue value && value.TryGetValue<string>(out var reference); followed++)
        {
            if (followed == MaxReferenceChain)
            {
                throw fail($"The reference {reference} ends a chain of {MaxReferenceChain} references: a cycle.");
            }

            var pointer = FromLocalRef(reference) ?? throw fail($"Only local references are supported; found {reference}.");
            if (under is not null && !pointer.StartsWith(under, StringComparison.Ordinal))
            {
                throw fail($"Unsupported reference {reference}: a reference below #{under} was expected there.");
            }

            node = Resolve(root, pointer) as JsonObject ?? throw fail($"Dangling reference {reference}.");
        }

        return node;
    }

    /// <summary>The pointer of a local reference (<c>#/components/schemas/User</c>), or null for any other reference.</summary>
    public static string? FromLocalRef(string reference) =>
        reference.StartsWith("#/", StringComparison.Ordinal) ? Uri.UnescapeDataString(reference[1..]) : null;
}
