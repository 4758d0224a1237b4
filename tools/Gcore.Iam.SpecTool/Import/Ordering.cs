using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>The one fixed order the import writes, so that two imports of one source give identical bytes.</summary>
internal static class Ordering
{
    private static readonly string[] MethodOrder = Importer.MethodOrder;
    private static readonly string[] ComponentKinds = Importer.ComponentKinds;

    /// <summary>
    /// The fixed order, the import's own, so that no order of Gcore's file reaches the generated C#
    /// (the model factory's parameters follow the order of a schema's members): the top level, info
    /// and components in OpenAPI's reading order; paths in the order of
    /// <see cref="ClientContract.Operations"/>; methods in a path in HTTP order; parameters as
    /// <see cref="Importer"/> orders them (path parameters as the path names them, then the others by
    /// name); schemas, schema members and every other map by key (ordinal); <c>required</c> lists and
    /// enum values sorted (ordinal; <c>x-enumNames</c> moves with its value). Only the order of
    /// <c>allOf</c>/<c>oneOf</c> lists is kept, as <see cref="Normalisation"/> leaves it: it has a
    /// meaning to NSwag (the first reference of an <c>allOf</c> is the base class).
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

    /// <summary>Sorts object keys (ordinal) below <paramref name="node"/> unless <paramref name="keepOrder"/>, and sorts "required" lists and enum values.</summary>
    private static JsonNode? SortDeep(JsonNode? node, bool keepOrder, string? key = null)
    {
        switch (node)
        {
            case JsonObject o:
                SortEnum(o);
                var entries = o.ToList();
                o.Clear();
                var ordered = keepOrder ? entries : entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToList();
                var result = new JsonObject();
                foreach (var (childKey, value) in ordered)
                {
                    result[childKey] = SortDeep(value, keepOrder, childKey);
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

    /// <summary>Sorts an enum's values (ordinal, by their JSON text) and its <c>x-enumNames</c> with them.</summary>
    private static void SortEnum(JsonObject schema)
    {
        if (schema["enum"] is not JsonArray values)
        {
            return;
        }

        var names = schema["x-enumNames"] as JsonArray;
        if (names is not null && names.Count != values.Count)
        {
            throw new ImportException($"An enum has {values.Count} values but {names.Count} x-enumNames.");
        }

        var pairs = values.Select((v, i) => (Value: v, Name: names?[i])).OrderBy(p => p.Value?.ToJsonString() ?? "null", StringComparer.Ordinal).ToList();
        values.Clear();
        names?.Clear();
        foreach (var (value, name) in pairs)
        {
            values.Add(value);
            names?.Add(name);
        }
    }
}
