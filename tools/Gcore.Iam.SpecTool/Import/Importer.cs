using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Json;
using Microsoft.OpenApi;
using JsonPointer = Gcore.Iam.SpecTool.Json.JsonPointer;
using Microsoft.OpenApi.Reader;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>The files an import writes into <c>openapi/</c>, as bytes, and what it noticed on the way.</summary>
internal sealed record ImportResult(string SpecYaml, string SourceJson, IReadOnlyList<string> Notes);

/// <summary>
/// Turns Gcore's published multi-product description (OpenAPI 3.1 or 3.0, JSON or YAML) into the
/// client's spec: the operations of <see cref="ClientContract.Operations"/> and everything they
/// reference, Gcore's own extensions dropped, rewritten as OpenAPI 3.0.3, corrected by
/// <see cref="SpecFixes.All"/>, named for the client, and put in one fixed order.
/// </summary>
internal static class Importer
{
    public const string SpecFileName = "gcore-iam.yaml";
    public const string SourceRecordFileName = "source.json";

    private static readonly string[] OperationKeys = ["summary", "description", "parameters", "requestBody", "responses", "deprecated", "security"];
    private static readonly string[] MethodOrder = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    private static readonly string[] ComponentKinds = ["securitySchemes", "parameters", "responses", "requestBodies", "headers", "schemas"];

    /// <param name="sourceBytes">The published description, as downloaded.</param>
    /// <param name="sourceFileInRepo">Where the source is committed, relative to the output folder (recorded in source.json).</param>
    public static ImportResult Run(byte[] sourceBytes, string sourceFileInRepo)
    {
        var notes = new List<string>();
        var text = Encoding.UTF8.GetString(sourceBytes);
        var source = YamlText.Parse(text) as JsonObject ?? throw new ImportException("The source is not an OpenAPI document (not an object).");
        var version = (string?)source["openapi"] ?? throw new ImportException("The source has no `openapi` version field.");
        if (!version.StartsWith("3.", StringComparison.Ordinal))
        {
            throw new ImportException($"The source is OpenAPI {version}; only 3.0 and 3.1 are read.");
        }

        ValidateWithOpenApiLibrary(text, isOutput: false, notes);

        var paths = new JsonObject();
        foreach (var op in ClientContract.Operations)
        {
            paths[op.Path] ??= new JsonObject();
            var outItem = (JsonObject)paths[op.Path]!;
            var srcItem = source["paths"]?[op.Path] as JsonObject
                ?? throw new ImportException($"Gcore's description has no path {op.Path} (needed for {op.OperationId}).");
            var srcOp = srcItem[op.Method] as JsonObject
                ?? throw new ImportException($"Gcore's description has no operation {op.Key} (needed for {op.OperationId}).");
            if (srcItem["parameters"] is JsonArray pathParameters && !outItem.ContainsKey("parameters"))
            {
                outItem["parameters"] = pathParameters.DeepClone();
            }

            var outOp = new JsonObject
            {
                ["tags"] = new JsonArray(op.Tag),
                ["operationId"] = op.OperationId,
            };
            foreach (var key in OperationKeys)
            {
                if (srcOp[key] is { } value)
                {
                    outOp[key] = value.DeepClone();
                }
            }

            ApplyClientNames(op, outOp);
            outItem[op.Method] = outOp;
        }

        NoteUncoveredIamOperations(source, notes);

        var doc = new JsonObject
        {
            ["openapi"] = ClientContract.OpenApiVersion,
            ["info"] = new JsonObject
            {
                ["title"] = ClientContract.Title,
                ["version"] = (string?)source["info"]?["version"] ?? throw new ImportException("The source has no info.version."),
                ["description"] = ClientContract.Description,
                ["license"] = new JsonObject { ["name"] = ClientContract.LicenseName, ["url"] = ClientContract.LicenseUrl },
            },
        };
        if (source["servers"] is JsonArray servers)
        {
            doc["servers"] = servers.DeepClone();
        }

        if (source["security"] is JsonArray security)
        {
            doc["security"] = security.DeepClone();
        }

        var usedTags = ClientContract.Operations.Select(o => o.Tag).ToHashSet(StringComparer.Ordinal);
        doc["tags"] = new JsonArray(ClientContract.Tags.Where(t => usedTags.Contains(t.Name))
            .Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["description"] = t.Description }).ToArray());
        doc["paths"] = paths;
        doc["components"] = CollectComponents(source, doc);

        StripExtensions(doc);
        Downgrade.ToOpenApi30(doc, sourceIs31: version.StartsWith("3.1", StringComparison.Ordinal));
        ApplyFixes(doc, notes);
        var normalised = Normalise(doc);

        var yaml = YamlText.Write(normalised);
        ValidateWithOpenApiLibrary(yaml, isOutput: true, notes);

        var record = new JsonObject
        {
            ["file"] = sourceFileInRepo,
            ["openapi"] = version,
            ["infoVersion"] = (string?)source["info"]!["version"],
            ["sha256"] = Sha256(sourceBytes),
            ["operations"] = ClientContract.Operations.Count,
        };
        var recordJson = record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        return new ImportResult(yaml, recordJson, notes);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void ApplyClientNames(ClientOperation op, JsonObject outOp)
    {
        if (op.BodyName is not null || op.BodyPosition is not null)
        {
            var body = outOp["requestBody"] as JsonObject
                ?? throw new ImportException($"{op.Key} has no request body, but the client names one ({op.BodyName}).");
            if (body.ContainsKey("$ref"))
            {
                throw new ImportException($"{op.Key}: a referenced request body cannot carry x-name; inline it in the import.");
            }

            if (op.BodyName is not null)
            {
                body["x-name"] = op.BodyName;
            }

            if (op.BodyPosition is not null)
            {
                body["x-position"] = op.BodyPosition.Value;
            }
        }

        foreach (var (jsonName, csName) in op.ParameterNames ?? new Dictionary<string, string>())
        {
            var parameter = (outOp["parameters"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(p => (string?)p["name"] == jsonName)
                ?? throw new ImportException($"{op.Key} has no inline parameter {jsonName}, but the client names it {csName}.");
            parameter["x-originalName"] = csName;
        }
    }

    /// <summary>Copies every component the client's operations reference, transitively.</summary>
    private static JsonObject CollectComponents(JsonObject source, JsonObject doc)
    {
        var collected = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var queue = new Queue<JsonNode>();
        queue.Enqueue(doc["paths"]!);

        var schemeNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var list in new[] { doc["security"] }.Concat(doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (o.Value as JsonObject)?["security"]))))
        {
            foreach (var requirement in (list as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                foreach (var (name, _) in requirement)
                {
                    schemeNames.Add(name);
                }
            }
        }

        foreach (var name in schemeNames)
        {
            var pointer = "/components/securitySchemes/" + JsonPointer.Escape(name);
            var scheme = JsonPointer.Resolve(source, pointer) ?? throw new ImportException($"The security scheme {name} is used but not defined.");
            collected[pointer] = scheme.DeepClone();
        }

        while (queue.Count > 0)
        {
            foreach (var reference in References(queue.Dequeue()))
            {
                var pointer = JsonPointer.FromLocalRef(reference)
                    ?? throw new ImportException($"Only local references are supported; found {reference}.");
                if (collected.ContainsKey(pointer))
                {
                    continue;
                }

                var target = JsonPointer.Resolve(source, pointer) ?? throw new ImportException($"Dangling reference {reference}.");
                var clone = target.DeepClone();
                collected[pointer] = clone;
                queue.Enqueue(clone);
            }
        }

        var components = new JsonObject();
        foreach (var kind in ComponentKinds)
        {
            var prefix = "/components/" + kind + "/";
            var items = collected.Where(c => c.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var map = new JsonObject();
            foreach (var (pointer, node) in items)
            {
                var name = pointer[prefix.Length..];
                if (name.Contains('/', StringComparison.Ordinal))
                {
                    throw new ImportException($"References into a component ({pointer}) are not supported.");
                }

                map[JsonPointer.Unescape(name)] = node;
            }

            components[kind] = map;
        }

        var unknown = collected.Keys.FirstOrDefault(k => !ComponentKinds.Any(kind => k.StartsWith("/components/" + kind + "/", StringComparison.Ordinal)));
        if (unknown is not null)
        {
            throw new ImportException($"Unsupported reference target {unknown}.");
        }

        return components;
    }

    private static IEnumerable<string> References(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "$ref" && value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        yield return s;
                    }
                    else if (value is not null)
                    {
                        foreach (var r in References(value))
                        {
                            yield return r;
                        }
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        foreach (var r in References(item))
                        {
                            yield return r;
                        }
                    }
                }

                break;
        }
    }

    /// <summary>Drops Gcore's own <c>x-</c> extensions (code samples, display names, ...); the client adds its own afterwards.</summary>
    private static void StripExtensions(JsonNode node, bool isNameMap = false)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (!isNameMap && key.StartsWith("x-", StringComparison.Ordinal) && !IsClientExtension(key))
                    {
                        o.Remove(key);
                    }
                    else if (o[key] is { } child)
                    {
                        StripExtensions(child, isNameMap: !isNameMap && IsNameMapKey(key));
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    if (item is not null)
                    {
                        StripExtensions(item);
                    }
                }

                break;
        }
    }

    private static bool IsClientExtension(string key) => key is "x-name" or "x-position" or "x-originalName";

    internal static bool IsNameMapKey(string key) => key is "properties" or "schemas" or "paths" or "responses" or "securitySchemes"
        or "headers" or "content" or "examples" or "links" or "callbacks" or "requestBodies" or "variables" or "mapping";

    private static void ApplyFixes(JsonObject doc, List<string> notes)
    {
        var applied = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var fix in SpecFixes.All)
        {
            if (!fix.IsNeeded(doc))
            {
                notes.Add($"fix {fix.Id} was not needed: Gcore's description no longer has the defect; remove it from SpecFixes.All.");
                continue;
            }

            fix.Apply(doc);
            if (fix.IsNeeded(doc))
            {
                throw new ImportException($"fix {fix.Id} did not correct the defect it is for.");
            }

            if (!applied.TryGetValue(fix.Target, out var list))
            {
                applied[fix.Target] = list = [];
            }

            list.Add(fix.Id + ": " + fix.Reason);
        }

        foreach (var (target, reasons) in applied)
        {
            var node = JsonPointer.Resolve(doc, target) as JsonObject
                ?? throw new ImportException($"The target {target} of a fix is not in the spec.");
            node["x-gcore-fix"] = reasons.Count == 1 ? reasons[0] : new JsonArray(reasons.Select(r => (JsonNode)r).ToArray());
        }
    }

    /// <summary>
    /// The fixed order: the top level, info and components in OpenAPI's reading order; paths in the
    /// order of <see cref="ClientContract.Operations"/>; methods in a path in HTTP order; schema
    /// properties, parameters and enum values as Gcore orders them (that order reaches the generated
    /// C#); every other map by key (ordinal), and <c>required</c> lists sorted.
    /// </summary>
    internal static JsonObject Normalise(JsonObject doc)
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

    private static void NoteUncoveredIamOperations(JsonObject source, List<string> notes)
    {
        var covered = ClientContract.Operations.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, item) in source["paths"]?.AsObject() ?? [])
        {
            if (!path.StartsWith("/iam/", StringComparison.Ordinal) || item is not JsonObject ops)
            {
                continue;
            }

            foreach (var (method, _) in ops)
            {
                if (MethodOrder.Contains(method) && !covered.Contains($"{method.ToUpperInvariant()} {path}"))
                {
                    notes.Add($"not covered by the client: {method.ToUpperInvariant()} {path}");
                }
            }
        }
    }

    /// <summary>Reads the document with Microsoft.OpenApi: the source must be readable, the output free of errors.</summary>
    private static void ValidateWithOpenApiLibrary(string text, bool isOutput, List<string> notes)
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var format = text.TrimStart().StartsWith('{') ? "json" : "yaml";
        var result = OpenApiDocument.Parse(text, format, settings);
        var errors = result.Diagnostic?.Errors ?? [];
        if (result.Document is null)
        {
            throw new ImportException($"Microsoft.OpenApi could not read the {(isOutput ? "output" : "source")}: {string.Join("; ", errors.Select(e => e.ToString()))}");
        }

        if (isOutput)
        {
            if (errors.Count > 0)
            {
                throw new ImportException("The spec the import produced has errors: " + string.Join("; ", errors.Select(e => $"{e.Pointer}: {e.Message}")));
            }

            foreach (var op in ClientContract.Operations)
            {
                var found = result.Document.Paths.TryGetValue(op.Path, out var item)
                    && item.Operations is { } ops
                    && ops.Any(o => string.Equals(o.Key.Method, op.Method, StringComparison.OrdinalIgnoreCase) && o.Value.OperationId == op.OperationId);
                if (!found)
                {
                    throw new ImportException($"The output lost {op.Key} ({op.OperationId}).");
                }
            }
        }
        else
        {
            notes.AddRange(errors.Select(e => $"source: {e.Pointer}: {e.Message}"));
        }
    }
}

/// <summary>An import that cannot go on; the message says what is wrong in the source or the tables.</summary>
internal sealed class ImportException(string message) : Exception(message);
