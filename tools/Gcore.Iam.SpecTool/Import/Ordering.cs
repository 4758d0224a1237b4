using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>The one fixed order the import writes, so that two imports of one source give identical bytes.</summary>
internal static class Ordering
{
    private static readonly string[] MethodOrder = Importer.MethodOrder;
    private static readonly string[] ComponentKinds = Importer.ComponentKinds;

    /// <summary>
    /// The fixed order: the top level, info and components in OpenAPI's reading order; paths in the
    /// order of <see cref="ClientContract.Operations"/>; methods in a path in HTTP order; schema
    /// properties, parameters and enum values as Gcore orders them (that order reaches the generated
    /// C#); every other map by key (ordinal), and <c>required</c> lists sorted.
    /// </summary>
    public static JsonObject Normalise(JsonObject doc)
    {
        var root = new JsonObject();
        foreach (var (key, value) in doc.ToList())
        {
            doc.Remove(key);
            root[key] = key switch
            {
                "info" or "openapi" or "tags" => SortDeep(value, keepOrder: true),
                "paths" => NormalisePaths((JsonObject)value!),
                "components" => NormaliseComponents((JsonObject)value!),
                _ => SortDeep(value, keepOrder: false),
            };
        }

        return root;
    }

    private static JsonObject NormalisePaths(JsonObject paths)
    {
        var result = new JsonObject();
        foreach (var (path, item) in paths.ToList())
        {
            paths.Remove(path);
            var itemObj = (JsonObject)item!;
            var ordered = new JsonObject();
            foreach (var key in itemObj.Select(p => p.Key).OrderBy(k => k == "parameters" ? -1 : Array.IndexOf(MethodOrder, k)).ToList())
            {
                var value = itemObj[key];
                itemObj.Remove(key);
                ordered[key] = SortDeep(value, keepOrder: false);
            }

            result[path] = ordered;
        }

        return result;
    }

    private static JsonObject NormaliseComponents(JsonObject components)
    {
        var result = new JsonObject();
        foreach (var kind in ComponentKinds)
        {
            if (components[kind] is { } value)
            {
                components.Remove(kind);
                result[kind] = SortDeep(value, keepOrder: false);
            }
        }

        return result;
    }

    /// <summary>Sorts object keys (ordinal) below <paramref name="node"/>, except in "properties" maps, and sorts "required" lists.</summary>
    private static JsonNode? SortDeep(JsonNode? node, bool keepOrder, bool isPropertiesMap = false, string? key = null)
    {
        switch (node)
        {
            case JsonObject o:
                var entries = o.ToList();
                o.Clear();
                var ordered = keepOrder || isPropertiesMap ? entries : entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
                var result = new JsonObject();
                foreach (var (childKey, value) in ordered)
                {
                    var childIsPropertiesMap = !isPropertiesMap && childKey == "properties";
                    result[childKey] = SortDeep(value, keepOrder, childIsPropertiesMap, isPropertiesMap ? null : childKey);
                }

                return result;
            case JsonArray a:
                var items = a.ToList();
                a.Clear();
                if (key == "required" && items.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String))
                {
                    items = items.OrderBy(i => (string)i!, StringComparer.Ordinal).ToList();
                }

                return new JsonArray(items.Select(i => SortDeep(i, keepOrder)).ToArray());
            default:
                return node;
        }
    }

}
