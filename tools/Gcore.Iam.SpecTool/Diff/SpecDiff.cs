using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Diff;

/// <summary>
/// Lists every change between two OpenAPI documents (3.0 or 3.1; nullability is compared the same
/// way in both) and classifies it from the caller's side. A schema is judged by how it is used: a
/// field that becomes required breaks senders (request), a field that may become absent or null
/// breaks readers (response); removing anything or changing a type breaks both.
/// </summary>
internal sealed class SpecDiff
{
    private static readonly string[] NullableCombinators = ["oneOf", "anyOf"];
    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private readonly JsonObject _old;
    private readonly JsonObject _new;
    private readonly List<Change> _changes = [];
    private readonly Dictionary<string, Usage> _usage = new(StringComparer.Ordinal);

    private SpecDiff(JsonObject oldDoc, JsonObject newDoc)
    {
        _old = oldDoc;
        _new = newDoc;
    }

    public static IReadOnlyList<Change> Compare(JsonObject oldDoc, JsonObject newDoc)
    {
        var diff = new SpecDiff(oldDoc, newDoc);
        diff.CollectUsage(oldDoc);
        diff.CollectUsage(newDoc);
        diff.CompareOperations();
        diff.CompareSchemas();
        return diff._changes
            .OrderBy(c => c.Breaking ? 0 : 1)
            .ThenBy(c => c.Location, StringComparer.Ordinal)
            .ThenBy(c => c.Description, StringComparer.Ordinal)
            .ToList();
    }

    private void Add(bool breaking, string location, string description) => _changes.Add(new Change(breaking, location, description));

    // ---- operations -------------------------------------------------------------------------

    private static SortedDictionary<string, (JsonObject Item, JsonObject Op)> Operations(JsonObject doc)
    {
        var result = new SortedDictionary<string, (JsonObject, JsonObject)>(StringComparer.Ordinal);
        foreach (var (path, item) in doc["paths"]?.AsObject() ?? [])
        {
            if (item is not JsonObject itemObj)
            {
                continue;
            }

            foreach (var method in Methods)
            {
                if (itemObj[method] is JsonObject op)
                {
                    result[$"{method.ToUpperInvariant()} {path}"] = (itemObj, op);
                }
            }
        }

        return result;
    }

    private void CompareOperations()
    {
        var oldOps = Operations(_old);
        var newOps = Operations(_new);
        foreach (var (key, (_, op)) in oldOps)
        {
            if (!newOps.ContainsKey(key))
            {
                Add(true, key, $"operation removed{OperationIdSuffix(op)}");
            }
        }

        foreach (var (key, (_, op)) in newOps)
        {
            if (!oldOps.ContainsKey(key))
            {
                Add(false, key, $"new operation{OperationIdSuffix(op)}");
            }
        }

        foreach (var (key, (oldItem, oldOp)) in oldOps)
        {
            if (!newOps.TryGetValue(key, out var n))
            {
                continue;
            }

            var (newItem, newOp) = n;
            var oldId = (string?)oldOp["operationId"];
            var newId = (string?)newOp["operationId"];
            if (oldId != newId)
            {
                Add(true, key, $"operationId changed from {oldId ?? "(none)"} to {newId ?? "(none)"} (renames the generated method)");
            }

            CompareParameters(key, oldItem, oldOp, newItem, newOp);
            CompareRequestBody(key, oldOp, newOp);
            CompareResponses(key, oldOp, newOp);
        }
    }

    private static string OperationIdSuffix(JsonObject op) => op["operationId"] is { } id ? $" ({(string?)id})" : "";

    private static Dictionary<string, JsonObject> Parameters(JsonObject doc, JsonObject item, JsonObject op)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var list in new[] { item["parameters"], op["parameters"] })
        {
            foreach (var p in (list as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                var resolved = Resolve(doc, p);
                result[$"{(string?)resolved["in"]} parameter {(string?)resolved["name"]}"] = resolved;
            }
        }

        return result;
    }

    private void CompareParameters(string op, JsonObject oldItem, JsonObject oldOp, JsonObject newItem, JsonObject newOp)
    {
        var oldParams = Parameters(_old, oldItem, oldOp);
        var newParams = Parameters(_new, newItem, newOp);
        foreach (var (name, p) in oldParams.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!newParams.TryGetValue(name, out var np))
            {
                Add(true, $"{op} {name}", "parameter removed");
                continue;
            }

            var wasRequired = IsTrue(p["required"]);
            var isRequired = IsTrue(np["required"]);
            if (!wasRequired && isRequired)
            {
                Add(true, $"{op} {name}", "parameter became required");
            }
            else if (wasRequired && !isRequired)
            {
                // The generated method's parameter becomes optional and nullable: a new signature.
                Add(true, $"{op} {name}", "parameter became optional (the generated method's signature changes: binary-breaking, see docs/versioning.md)");
            }

            CompareSchema(p["schema"], np["schema"], Usage.Request, $"{op} {name}");
        }

        foreach (var (name, np) in newParams.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!oldParams.ContainsKey(name))
            {
                // NSwag adds even an optional parameter to the existing method: compiled callers break
                // (MissingMethodException) although their source still compiles (docs/versioning.md).
                var required = IsTrue(np["required"]);
                Add(true, $"{op} {name}", required ? "new required parameter" : "new optional parameter (the generated method's signature changes: binary-breaking unless a handwritten overload keeps the old one)");
            }
        }
    }

    private void CompareRequestBody(string op, JsonObject oldOp, JsonObject newOp)
    {
        var oldBody = oldOp["requestBody"] is JsonObject ob ? Resolve(_old, ob) : null;
        var newBody = newOp["requestBody"] is JsonObject nb ? Resolve(_new, nb) : null;
        var where = $"{op} request body";
        switch (oldBody, newBody)
        {
            case (null, null):
                return;
            case (null, { } added):
                var required = IsTrue(added["required"]);
                Add(required, where, required ? "new required request body" : "new optional request body");
                return;
            case ({ }, null):
                Add(true, where, "request body removed");
                return;
        }

        if (!IsTrue(oldBody["required"]) && IsTrue(newBody["required"]))
        {
            Add(true, where, "request body became required");
        }

        CompareContent(oldBody["content"] as JsonObject, newBody["content"] as JsonObject, Usage.Request, where, removedIsBreaking: true);
    }

    private void CompareResponses(string op, JsonObject oldOp, JsonObject newOp)
    {
        var oldResponses = oldOp["responses"] as JsonObject ?? [];
        var newResponses = newOp["responses"] as JsonObject ?? [];
        foreach (var (status, response) in oldResponses)
        {
            var where = $"{op} response {status}";
            if (!newResponses.TryGetPropertyValue(status, out var newResponse) || newResponse is not JsonObject nr)
            {
                var success = status.StartsWith('2');
                Add(success, where, success ? "success response removed" : "response removed");
                continue;
            }

            var oldContent = Resolve(_old, (JsonObject)response!)["content"] as JsonObject;
            var newContent = Resolve(_new, nr)["content"] as JsonObject;
            CompareContent(oldContent, newContent, Usage.Response, where, removedIsBreaking: status.StartsWith('2'));
        }

        foreach (var (status, _) in newResponses)
        {
            if (!oldResponses.ContainsKey(status))
            {
                Add(false, $"{op} response {status}", "new response");
            }
        }
    }

    private void CompareContent(JsonObject? oldContent, JsonObject? newContent, Usage usage, string where, bool removedIsBreaking)
    {
        oldContent ??= [];
        newContent ??= [];
        foreach (var (mediaType, media) in oldContent)
        {
            if (!newContent.TryGetPropertyValue(mediaType, out var newMedia))
            {
                Add(removedIsBreaking, $"{where} {mediaType}", "media type removed");
                continue;
            }

            CompareSchema(media?["schema"], newMedia?["schema"], usage, $"{where} {mediaType}");
        }

        foreach (var (mediaType, _) in newContent)
        {
            if (!oldContent.ContainsKey(mediaType))
            {
                Add(false, $"{where} {mediaType}", "new media type");
            }
        }
    }

    // ---- schemas ----------------------------------------------------------------------------

    private void CompareSchemas()
    {
        var oldSchemas = _old["components"]?["schemas"] as JsonObject ?? [];
        var newSchemas = _new["components"]?["schemas"] as JsonObject ?? [];
        foreach (var (name, schema) in oldSchemas)
        {
            if (!newSchemas.TryGetPropertyValue(name, out var newSchema))
            {
                Add(true, name, "schema removed (its generated type goes away)");
                continue;
            }

            var usage = _usage.GetValueOrDefault(name);
            CompareSchema(schema, newSchema, usage == Usage.None ? Usage.Request | Usage.Response : usage, name);
        }

        foreach (var (name, _) in newSchemas)
        {
            if (!oldSchemas.ContainsKey(name))
            {
                Add(false, name, "new schema");
            }
        }
    }

    private void CompareSchema(JsonNode? oldNode, JsonNode? newNode, Usage usage, string where)
    {
        if (oldNode is not JsonObject o || newNode is not JsonObject n)
        {
            if ((oldNode is null) != (newNode is null))
            {
                Add(true, where, oldNode is null ? "schema added where there was none" : "schema removed");
            }

            return;
        }

        var oldRef = RefName(o);
        var newRef = RefName(n);
        if (oldRef is not null || newRef is not null)
        {
            if (oldRef != newRef)
            {
                Add(true, where, $"type changed from {Describe(o)} to {Describe(n)}");
            }

            // The same named schema: compared once, on its own (CompareSchemas).
            return;
        }

        var oldType = TypeName(o);
        var newType = TypeName(n);
        if (oldType != newType)
        {
            Add(true, where, $"type changed from {Describe(o)} to {Describe(n)}");
            return;
        }

        var wasNullable = IsNullable(o);
        var isNullable = IsNullable(n);
        if (wasNullable != isNullable)
        {
            var breaking = isNullable ? usage.HasFlag(Usage.Response) : usage.HasFlag(Usage.Request);
            Add(breaking, where, isNullable ? "may now be null" : "no longer accepts or returns null");
        }

        CompareEnum(o, n, usage, where);
        CompareProperties(o, n, usage, where);
        CompareSchema(o["items"], n["items"], usage, where + "[]");
        if (o["additionalProperties"] is JsonObject || n["additionalProperties"] is JsonObject)
        {
            CompareSchema(o["additionalProperties"] as JsonObject, n["additionalProperties"] as JsonObject, usage, where + "{}");
        }

        foreach (var combinator in new[] { "allOf", "oneOf", "anyOf" })
        {
            var oldList = o[combinator] as JsonArray ?? [];
            var newList = n[combinator] as JsonArray ?? [];
            if (oldList.Count != newList.Count)
            {
                Add(true, where, $"{combinator} changed from {oldList.Count} to {newList.Count} schemas");
                continue;
            }

            for (var i = 0; i < oldList.Count; i++)
            {
                CompareSchema(oldList[i], newList[i], usage, $"{where} {combinator}[{i}]");
            }
        }
    }

    private void CompareEnum(JsonObject o, JsonObject n, Usage usage, string where)
    {
        var oldValues = (o["enum"] as JsonArray)?.Select(v => v?.ToJsonString() ?? "null").ToList();
        var newValues = (n["enum"] as JsonArray)?.Select(v => v?.ToJsonString() ?? "null").ToList();
        if (oldValues is null && newValues is null)
        {
            return;
        }

        if (oldValues is null || newValues is null)
        {
            // Either way the generated type changes (a string becomes an enum type or back).
            Add(true, where, oldValues is null ? "values restricted to an enum" : "enum lifted (any value)");
            return;
        }

        foreach (var value in oldValues.Where(v => !newValues.Contains(v)))
        {
            Add(true, where, $"enum value {value} removed");
        }

        foreach (var value in newValues.Where(v => !oldValues.Contains(v)))
        {
            Add(false, where, usage.HasFlag(Usage.Response)
                ? $"new enum value {value} (the client keeps unknown values; callers may want to handle it)"
                : $"new enum value {value}");
        }
    }

    private void CompareProperties(JsonObject o, JsonObject n, Usage usage, string where)
    {
        var oldProps = o["properties"] as JsonObject ?? [];
        var newProps = n["properties"] as JsonObject ?? [];
        var oldRequired = Required(o);
        var newRequired = Required(n);
        foreach (var (name, schema) in oldProps)
        {
            var at = $"{where}.{name}";
            if (!newProps.TryGetPropertyValue(name, out var newSchema))
            {
                Add(true, at, "field removed");
                continue;
            }

            var was = oldRequired.Contains(name);
            var now = newRequired.Contains(name);
            if (!was && now)
            {
                Add(usage.HasFlag(Usage.Request), at, usage.HasFlag(Usage.Request) ? "field became required in a request" : "field became required (always sent now)");
            }
            else if (was && !now)
            {
                Add(usage.HasFlag(Usage.Response), at, usage.HasFlag(Usage.Response) ? "field became optional in a response (may be absent now)" : "field became optional");
            }

            CompareSchema(schema, newSchema, usage, at);
        }

        foreach (var (name, schema) in newProps)
        {
            if (oldProps.ContainsKey(name))
            {
                continue;
            }

            var required = newRequired.Contains(name);
            var breaking = required && usage.HasFlag(Usage.Request);
            var kind = required ? "new required field" : "new optional field";
            Add(breaking, $"{where}.{name}", $"{kind} ({Describe(schema as JsonObject)}){(breaking ? " in a request" : "")}");
        }
    }

    // ---- usage ------------------------------------------------------------------------------

    private void CollectUsage(JsonObject doc)
    {
        foreach (var (_, (item, op)) in Operations(doc))
        {
            foreach (var (_, p) in Parameters(doc, item, op))
            {
                Mark(doc, p["schema"], Usage.Request);
            }

            if (op["requestBody"] is JsonObject body)
            {
                foreach (var (_, media) in Resolve(doc, body)["content"] as JsonObject ?? [])
                {
                    Mark(doc, media?["schema"], Usage.Request);
                }
            }

            foreach (var (_, response) in op["responses"] as JsonObject ?? [])
            {
                if (response is JsonObject r)
                {
                    foreach (var (_, media) in Resolve(doc, r)["content"] as JsonObject ?? [])
                    {
                        Mark(doc, media?["schema"], Usage.Response);
                    }
                }
            }
        }
    }

    private void Mark(JsonObject doc, JsonNode? node, Usage usage)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (RefName(schema) is { } name)
        {
            var had = _usage.GetValueOrDefault(name);
            if (had.HasFlag(usage))
            {
                return;
            }

            _usage[name] = had | usage;
            Mark(doc, doc["components"]?["schemas"]?[name], usage);
            return;
        }

        foreach (var (_, property) in schema["properties"] as JsonObject ?? [])
        {
            Mark(doc, property, usage);
        }

        Mark(doc, schema["items"], usage);
        Mark(doc, schema["additionalProperties"], usage);
        Mark(doc, schema["not"], usage);
        foreach (var combinator in new[] { "allOf", "oneOf", "anyOf" })
        {
            foreach (var option in schema[combinator] as JsonArray ?? [])
            {
                Mark(doc, option, usage);
            }
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    private static JsonObject Resolve(JsonObject doc, JsonObject node) =>
        JsonPointer.FollowReferences(doc, node, message => new InvalidOperationException(message));

    private static string? RefName(JsonObject schema)
    {
        if (schema["$ref"] is JsonValue r && r.TryGetValue<string>(out var reference))
        {
            const string prefix = "#/components/schemas/";
            return reference.StartsWith(prefix, StringComparison.Ordinal) ? reference[prefix.Length..] : reference;
        }

        // OpenAPI 3.0 spells a nullable reference allOf: [$ref] + nullable.
        if (schema["allOf"] is JsonArray { Count: 1 } all && all[0] is JsonObject only && schema["properties"] is null)
        {
            return RefName(only);
        }

        return null;
    }

    private static string TypeName(JsonObject schema)
    {
        string? type = schema["type"] switch
        {
            JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            JsonValue v => (string?)v,
            _ => null,
        };
        type ??= schema["properties"] is not null ? "object" : schema["items"] is not null ? "array" : null;
        var format = (string?)schema["format"];
        return (type ?? "any") + (format is null ? "" : $" ({format})");
    }

    private static string Describe(JsonObject? schema) =>
        schema is null ? "nothing" : RefName(schema) ?? TypeName(schema) switch
        {
            "array" when schema["items"] is JsonObject items => $"array of {Describe(items)}",
            var t => t,
        };

    private static bool IsNullable(JsonObject schema) =>
        IsTrue(schema["nullable"])
        || schema["type"] is JsonArray types && types.Any(t => (string?)t == "null")
        || NullableCombinators.Any(c => schema[c] is JsonArray options && options.OfType<JsonObject>().Any(s => (string?)s["type"] == "null"));

    private static HashSet<string> Required(JsonObject schema) =>
        (schema["required"] as JsonArray)?.Select(v => (string?)v).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
