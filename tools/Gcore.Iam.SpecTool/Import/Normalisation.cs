using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>
/// The rewrites that make the two forms Gcore publishes (and later versions of them) one spec:
/// they change how a thing is written, never what it means. Defects of the description are not
/// handled here but in <see cref="SpecFixes"/>, each with its check.
/// <list type="bullet">
/// <item>Gcore's prose (description, summary, title, examples) is dropped; this client's own words come from the overlay.</item>
/// <item><c>anyOf</c> (aggregated file) and <c>oneOf</c> (per-product file) unions are written <c>oneOf</c>.</item>
/// <item>An <c>allOf</c> with one non-empty member is that member (<c>service: allOf: [{}, ServiceName]</c>).</item>
/// <item>Inline schemas named in <see cref="SchemaNames"/> by pointer become components.</item>
/// <item>Primitive and array schemas (<c>UserName</c>, <c>AuthTypes</c>) are written in place: NSwag would otherwise name types after them.</item>
/// <item>Component schemas get this client's names (<see cref="SchemaNames"/>); two upstream schemas with one name are merged.</item>
/// </list>
/// </summary>
internal static class Normalisation
{
    private static readonly string[] Prose = ["description", "summary", "title", "example", "examples", "externalDocs"];

    private const string SchemasPrefix = "#/components/schemas/";

    /// <summary>Drops Gcore's prose everywhere below <paramref name="node"/> (not inside name maps such as <c>properties</c>).</summary>
    public static void StripProse(JsonNode? node, bool isNameMap = false)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (!isNameMap && Prose.Contains(key))
                    {
                        o.Remove(key);
                    }
                    else
                    {
                        StripProse(o[key], isNameMap: !isNameMap && Importer.IsNameMapKey(key));
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    StripProse(item);
                }

                break;
        }
    }

    /// <summary>Writes <c>anyOf</c> as <c>oneOf</c> and collapses an <c>allOf</c> that has one non-empty member.</summary>
    public static void Unions(JsonNode? node, bool isNameMap = false)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    Unions(o[key], isNameMap: !isNameMap && Importer.IsNameMapKey(key));
                }

                if (isNameMap)
                {
                    return;
                }

                if (o["anyOf"] is JsonArray any && !o.ContainsKey("oneOf"))
                {
                    o.Remove("anyOf");
                    o["oneOf"] = any;
                }

                if (o["allOf"] is JsonArray all)
                {
                    // References first: the order means nothing to JSON Schema, and NSwag takes the first as the base class.
                    var ordered = all.OrderBy(m => m is JsonObject r && r.ContainsKey("$ref") ? 0 : 1).ToList();
                    all.Clear();
                    foreach (var m in ordered)
                    {
                        all.Add(m);
                    }

                    var members = all.Where(m => m is not JsonObject { Count: 0 }).ToList();
                    if (members.Count == 1 && members[0] is JsonObject only)
                    {
                        o.Remove("allOf");
                        foreach (var (key, value) in only.ToList())
                        {
                            only.Remove(key);
                            if (!o.ContainsKey(key))
                            {
                                o[key] = value;
                            }
                        }

                        if (o.ContainsKey("$ref"))
                        {
                            // OpenAPI 3.0 reads nothing beside a $ref: keep nullability by wrapping it again.
                            var siblings = o.Where(p => p.Key != "$ref").Select(p => p.Key).ToList();
                            if (siblings.Count > 0)
                            {
                                var reference = o["$ref"]!.DeepClone();
                                foreach (var s in siblings.Where(s => s != "nullable" && s != "readOnly"))
                                {
                                    o.Remove(s);
                                }

                                if (o.Count > 1)
                                {
                                    o.Remove("$ref");
                                    o["allOf"] = new JsonArray(new JsonObject { ["$ref"] = reference });
                                }
                            }
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Unions(item);
                }

                break;
        }
    }

    /// <summary>
    /// Moves each inline schema that <see cref="SchemaNames"/> names by pointer into a component of
    /// its own, referenced from where it was. Returns the component keys it made, with their names.
    /// </summary>
    public static Dictionary<string, string> ExtractNamedInlineSchemas(JsonObject source, JsonObject schemas, List<string> notes)
    {
        var made = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in SchemaNames.All.Where(r => r.IsPointer))
        {
            const string prefix = "/components/schemas/";
            if (!row.Upstream.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new ImportException($"SchemaNames: the pointer {row.Upstream} is not below {prefix}.");
            }

            var rest = row.Upstream[prefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var owner = JsonPointer.Unescape(slash < 0 ? rest : rest[..slash]);
            if (!schemas.ContainsKey(owner))
            {
                if (source["components"]?["schemas"]?[owner] is null)
                {
                    notes.Add($"SchemaNames row {row.Upstream} -> {row.Name} matches nothing in this description: {owner} is gone; remove or update the row.");
                }

                continue;
            }

            var parentPointer = row.Upstream[..row.Upstream.LastIndexOf('/')];
            var token = JsonPointer.Unescape(row.Upstream[(row.Upstream.LastIndexOf('/') + 1)..]);
            var parent = ResolveIn(schemas, parentPointer[prefix.Length..]);
            if (parent is not JsonObject parentObject || parentObject[token] is not JsonObject inline)
            {
                throw new ImportException($"SchemaNames row {row.Upstream} -> {row.Name}: Gcore's description has no inline schema there any more (it changed shape); update the row.");
            }

            if (inline.ContainsKey("$ref"))
            {
                throw new ImportException($"SchemaNames row {row.Upstream} -> {row.Name}: the schema there is now a reference ({(string?)inline["$ref"]}); name that component instead.");
            }

            var key = "x-inline-" + row.Name;
            schemas[key] = inline.DeepClone();
            parentObject[token] = new JsonObject { ["$ref"] = SchemasPrefix + JsonPointer.Escape(key) };
            made[key] = row.Name;
        }

        return made;
    }

    private static JsonNode? ResolveIn(JsonObject schemas, string pointerBelowSchemas) =>
        JsonPointer.Resolve(schemas, "/" + pointerBelowSchemas);

    /// <summary>Whether a component schema is only a primitive or an array (written in place rather than named).</summary>
    public static bool IsAlias(JsonObject schema) =>
        !schema.ContainsKey("properties") && !schema.ContainsKey("enum") && !schema.ContainsKey("oneOf")
        && !schema.ContainsKey("anyOf") && !schema.ContainsKey("allOf") && !schema.ContainsKey("additionalProperties")
        && !schema.ContainsKey("$ref")
        && (string?)schema["type"] is "string" or "integer" or "number" or "boolean" or "array";

    /// <summary>Writes every reference to an alias schema as a copy of it, and removes the aliases.</summary>
    public static void InlineAliases(JsonObject doc)
    {
        var schemas = (JsonObject)doc["components"]!["schemas"]!;
        var aliases = schemas.Where(p => p.Value is JsonObject s && IsAlias(s)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        for (var round = 0; round < 20; round++)
        {
            var changed = false;
            Replace(doc, ref changed);
            if (!changed)
            {
                foreach (var alias in aliases)
                {
                    schemas.Remove(alias);
                }

                return;
            }
        }

        throw new ImportException("Alias schemas refer to each other in a cycle.");

        void Replace(JsonNode? node, ref bool changed)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var key in o.Select(p => p.Key).ToList())
                    {
                        if (o[key] is JsonObject child && (string?)child["$ref"] is { } reference
                            && reference.StartsWith(SchemasPrefix, StringComparison.Ordinal)
                            && aliases.Contains(JsonPointer.Unescape(reference[SchemasPrefix.Length..])))
                        {
                            var copy = (JsonObject)schemas[JsonPointer.Unescape(reference[SchemasPrefix.Length..])]!.DeepClone();
                            o[key] = copy;
                            changed = true;
                        }
                        else
                        {
                            Replace(o[key], ref changed);
                        }
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (a[i] is JsonObject child && (string?)child["$ref"] is { } reference
                            && reference.StartsWith(SchemasPrefix, StringComparison.Ordinal)
                            && aliases.Contains(JsonPointer.Unescape(reference[SchemasPrefix.Length..])))
                        {
                            a[i] = schemas[JsonPointer.Unescape(reference[SchemasPrefix.Length..])]!.DeepClone();
                            changed = true;
                        }
                        else
                        {
                            Replace(a[i], ref changed);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// Gives every component schema this client's name, rewrites the references, and merges schemas
    /// that two rows give one name. A schema without a row stops the import.
    /// </summary>
    public static void Rename(JsonObject doc, IReadOnlyDictionary<string, string> extracted)
    {
        var schemas = (JsonObject)doc["components"]!["schemas"]!;
        var byUpstream = SchemaNames.All.Where(r => !r.IsPointer).ToDictionary(r => r.Upstream, r => r.Name, StringComparer.Ordinal);
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (key, _) in schemas)
        {
            if (extracted.TryGetValue(key, out var name) || byUpstream.TryGetValue(key, out name))
            {
                mapping[key] = name;
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            throw new ImportException(
                $"Gcore's description has {missing.Count} schema(s) that this client has no C# name for: {string.Join(", ", missing)}. " +
                "Add a row to tools/Gcore.Iam.SpecTool/Import/SchemaNames.cs for each (a new schema, or one Gcore renamed).");
        }

        RewriteReferences(doc, mapping);

        var renamed = new JsonObject();
        foreach (var group in schemas.ToList().GroupBy(p => mapping[p.Key], StringComparer.Ordinal))
        {
            var members = group.ToList();
            foreach (var (key, _) in members)
            {
                schemas.Remove(key);
            }

            var schema = (JsonObject)members[0].Value!;
            foreach (var (key, other) in members.Skip(1))
            {
                schema = Merge(group.Key, schema, (JsonObject)other!, members[0].Key, key);
            }

            renamed[group.Key] = schema;
        }

        doc["components"]!["schemas"] = renamed;
    }

    private static JsonObject Merge(string name, JsonObject a, JsonObject b, string aName, string bName)
    {
        var aProps = a["properties"] as JsonObject ?? throw new ImportException($"SchemaNames gives {aName} and {bName} the one name {name}, but {aName} is not an object with members.");
        var bProps = b["properties"] as JsonObject ?? throw new ImportException($"SchemaNames gives {aName} and {bName} the one name {name}, but {bName} is not an object with members.");
        var (big, small, bigName, smallName) = aProps.Count >= bProps.Count ? (a, b, aName, bName) : (b, a, bName, aName);
        var bigProps = (JsonObject)big["properties"]!;
        foreach (var (prop, schema) in (JsonObject)small["properties"]!)
        {
            if (bigProps[prop] is not { } other || !JsonNode.DeepEquals(other, schema))
            {
                throw new ImportException(
                    $"SchemaNames gives {aName} and {bName} the one name {name}, but they differ in `{prop}`: " +
                    $"{smallName}'s members are no longer a subset of {bigName}'s. Give them two names, or add a fix.");
            }
        }

        var merged = (JsonObject)big.DeepClone();
        var required = Required(big).Intersect(Required(small), StringComparer.Ordinal).ToList();
        merged.Remove("required");
        if (required.Count > 0)
        {
            merged["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray());
        }

        return merged;

        static IEnumerable<string> Required(JsonObject s) =>
            (s["required"] as JsonArray)?.Select(n => (string?)n).OfType<string>() ?? [];
    }

    /// <summary>
    /// Gives every enum member a PascalCase C# name (<c>x-enumNames</c>, which NSwag reads): <c>google-oauth2</c>
    /// is <c>GoogleOauth2</c>, <c>sign_up_full</c> <c>SignUpFull</c>, <c>CDN</c> <c>Cdn</c>,
    /// <c>Purge and Prefetch only (API)</c> <c>PurgeAndPrefetchOnlyApi</c>. One rule for every enum, so
    /// that a new value gets the name a reader expects.
    /// </summary>
    public static void NameEnumMembers(JsonObject doc)
    {
        foreach (var schema in SpecPlaces.Walk(doc["components"]).Where(o => o["enum"] is JsonArray).ToList())
        {
            var values = ((JsonArray)schema["enum"]!).Select(v => (string?)v).ToList();
            if (values.Any(v => v is null))
            {
                continue;
            }

            var names = values.Select(v => MemberName(v!)).ToList();
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            {
                throw new ImportException($"Two values of the enum {string.Join(", ", values)} get one C# name; extend Normalisation.MemberName.");
            }

            schema["x-enumNames"] = new JsonArray(names.Select(n => (JsonNode)n).ToArray());
        }
    }

    internal static string MemberName(string value)
    {
        var parts = System.Text.RegularExpressions.Regex.Split(value, "[^A-Za-z0-9]+").Where(p => p.Length > 0);
        var name = string.Concat(parts.Select(p => p.All(c => !char.IsLetter(c) || char.IsUpper(c))
            ? p[..1] + p[1..].ToLowerInvariant()
            : char.ToUpperInvariant(p[0]) + p[1..]));
        return name.Length == 0 || char.IsDigit(name[0]) ? "Value" + name : name;
    }

    public static void RewriteReferences(JsonNode? node, IReadOnlyDictionary<string, string> mapping)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "$ref" && (string?)value is { } reference && reference.StartsWith(SchemasPrefix, StringComparison.Ordinal)
                        && mapping.TryGetValue(JsonPointer.Unescape(reference[SchemasPrefix.Length..]), out var name))
                    {
                        o["$ref"] = SchemasPrefix + JsonPointer.Escape(name);
                    }
                    else
                    {
                        RewriteReferences(value, mapping);
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    RewriteReferences(item, mapping);
                }

                break;
        }
    }
}
