using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>
/// Rewrites the OpenAPI 3.1 / JSON Schema 2020-12 constructs of the client's part as OpenAPI 3.0.3,
/// which NSwag reads best (nullability in particular). A construct 3.0 cannot express stops the
/// import with its location instead of being dropped silently.
/// </summary>
internal static class Downgrade
{
    private static readonly string[] Unsupported =
        ["prefixItems", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems", "dependentSchemas", "dependentRequired", "patternProperties", "$defs", "contains"];

    private static readonly string[] Dropped = ["$schema", "$id", "$comment", "contentMediaType", "contentEncoding"];

    private static readonly string[] TypeKeywords = ["type", "$ref", "allOf", "oneOf", "anyOf", "enum", "const", "properties", "items", "not"];

    /// <param name="doc">The client's part of the source, rewritten in place.</param>
    /// <param name="sourceIs31">Whether the source is OpenAPI 3.1 (a 3.0 source only has its 3.1 look-alikes checked).</param>
    public static void ToOpenApi30(JsonObject doc, bool sourceIs31) => Visit(doc, "", isNameMap: false, parentKey: null, sourceIs31);

    private static void Visit(JsonNode? node, string at, bool isNameMap, string? parentKey, bool sourceIs31)
    {
        switch (node)
        {
            case JsonObject o:
                if (!isNameMap)
                {
                    RewriteSchemaKeywords(o, at);
                }
                else if (parentKey == "properties" && sourceIs31)
                {
                    // In 3.1 a property schema without any type keyword takes any value, null included;
                    // 3.0 readers (NSwag) need nullable: true to make such a property nullable.
                    foreach (var (_, property) in o)
                    {
                        if (property is JsonObject p && !TypeKeywords.Any(p.ContainsKey))
                        {
                            p["nullable"] = true;
                        }
                    }
                }

                foreach (var (key, value) in o.ToList())
                {
                    Visit(value, at + "/" + Json.JsonPointer.Escape(key), isNameMap: !isNameMap && Importer.IsNameMapKey(key), parentKey: key, sourceIs31);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Visit(a[i], at + "/" + i, isNameMap: false, parentKey: null, sourceIs31);
                }

                break;
        }
    }

    private static void RewriteSchemaKeywords(JsonObject o, string at)
    {
        if (o.ContainsKey("$ref"))
        {
            // OpenAPI 3.0 ignores everything beside a $ref; 3.1 allows summary/description there.
            foreach (var key in o.Select(p => p.Key).Where(k => k != "$ref").ToList())
            {
                o.Remove(key);
            }

            return;
        }

        foreach (var key in Unsupported)
        {
            if (o.ContainsKey(key) && LooksLikeSchema(o))
            {
                throw new ImportException($"{at}: `{key}` (JSON Schema 2020-12) has no OpenAPI 3.0 form; extend the import to handle it.");
            }
        }

        if (LooksLikeSchema(o))
        {
            foreach (var key in Dropped)
            {
                o.Remove(key);
            }
        }

        if (o["type"] is JsonArray types)
        {
            var names = types.Select(t => (string?)t).ToList();
            var nonNull = names.Where(n => n != "null").ToList();
            if (nonNull.Count != 1)
            {
                throw new ImportException($"{at}: type [{string.Join(", ", names)}] has no OpenAPI 3.0 form.");
            }

            o["type"] = nonNull[0];
            if (names.Contains("null"))
            {
                o["nullable"] = true;
            }
        }

        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (o[combinator] is not JsonArray options)
            {
                continue;
            }

            var nullOption = options.OfType<JsonObject>().FirstOrDefault(s => (string?)s["type"] == "null" && s.Count == 1);
            if (nullOption is null)
            {
                continue;
            }

            options.Remove(nullOption);
            o["nullable"] = true;
            if (options.Count == 1)
            {
                var only = options[0]!;
                options.RemoveAt(0);
                o.Remove(combinator);
                o["allOf"] = new JsonArray(only);
            }
        }

        if (o.ContainsKey("const") && LooksLikeSchema(o))
        {
            o.Remove("const", out var value);
            o["enum"] = new JsonArray(value?.DeepClone());
        }

        if (o["examples"] is JsonArray examples && LooksLikeSchema(o))
        {
            o.Remove("examples");
            if (examples.Count > 0 && !o.ContainsKey("example"))
            {
                o["example"] = examples[0]!.DeepClone();
            }
        }

        foreach (var (exclusive, inclusive) in new[] { ("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum") })
        {
            if (o[exclusive] is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                o.Remove(exclusive);
                o[inclusive] = v.DeepClone();
                o[exclusive] = true;
            }
        }
    }

    private static bool LooksLikeSchema(JsonObject o) =>
        o.ContainsKey("type") || o.ContainsKey("properties") || o.ContainsKey("items") || o.ContainsKey("allOf")
        || o.ContainsKey("oneOf") || o.ContainsKey("anyOf") || o.ContainsKey("enum") || o.ContainsKey("const")
        || o.ContainsKey("examples") && o["examples"] is JsonArray;
}
