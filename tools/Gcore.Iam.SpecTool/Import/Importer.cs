using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using JsonPointer = Gcore.Iam.SpecTool.Json.JsonPointer;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>The files an import writes into <c>openapi/</c>, as text, and what it noticed on the way.</summary>
internal sealed record ImportResult(string SpecYaml, string SourceJson, IReadOnlyList<string> Notes);

/// <summary>
/// Turns a description Gcore publishes (the per-product IAM YAML or the aggregated multi-product
/// JSON, OpenAPI 3.1 or 3.0) into the client's spec, in stages:
/// select the operations of <see cref="ClientContract.Operations"/> by method and path, with the
/// schemas they reference; rewrite both forms as one (<see cref="Normalisation"/>, <see cref="Downgrade"/>);
/// give the schemas this client's names (<see cref="SchemaNames"/>); correct Gcore's defects
/// (<see cref="SpecFixes"/>); put this client's own words on it (<see cref="Overlay"/>); prove the
/// result keeps the contract of the handwritten layer (<see cref="HandwrittenContract"/>); write it in
/// one fixed order (<see cref="Ordering"/>).
/// </summary>
internal static class Importer
{
    public const string SpecFileName = "gcore-iam.yaml";
    public const string SourceRecordFileName = "source.json";

    public const string PerProductForm = "per-product";
    public const string AggregatedForm = "aggregated";

    /// <summary>Where Gcore publishes each form (recorded in source.json; the scheduled upstream check downloads from there).</summary>
    public static readonly IReadOnlyDictionary<string, string> PublishedAt = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PerProductForm] = "github:G-Core/product-documentation/api-reference/services_docs_mintlify/iam_api.yaml",
        [AggregatedForm] = "github:G-Core/gcore-python/scripts/mock (EMBEDDED_SPEC: base64 of gzip)",
    };

    internal static readonly string[] MethodOrder = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    internal static readonly string[] ComponentKinds = ["securitySchemes", "parameters", "responses", "requestBodies", "headers", "schemas"];

    /// <param name="sourceBytes">The published description, as downloaded.</param>
    /// <param name="overlayYaml">This client's descriptions (<c>openapi/descriptions.overlay.yaml</c>).</param>
    /// <param name="previousRecord">The source.json of the last import, to tell new upstream operations from known ones; null for none.</param>
    public static ImportResult Run(byte[] sourceBytes, string overlayYaml, JsonObject? previousRecord = null)
    {
        var notes = new List<string>();
        var text = Encoding.UTF8.GetString(sourceBytes);
        var source = YamlText.Parse(text) as JsonObject ?? throw new ImportException("The source is not an OpenAPI document (not an object).");
        var version = (string?)source["openapi"] ?? throw new ImportException("The source has no `openapi` version field.");
        if (!version.StartsWith("3.", StringComparison.Ordinal))
        {
            throw new ImportException($"The source is OpenAPI {version}; only 3.0 and 3.1 are read.");
        }

        var infoVersion = (string?)source["info"]?["version"] ?? throw new ImportException("The source has no info.version.");
        var form = source["paths"]?.AsObject().Any(p => !p.Key.StartsWith("/iam/", StringComparison.Ordinal)) == true ? AggregatedForm : PerProductForm;
        ValidateWithOpenApiLibrary(text, isOutput: false, notes);

        var paths = SelectOperations(source);
        var doc = new JsonObject
        {
            ["openapi"] = ClientContract.OpenApiVersion,
            // Only the version is Gcore's; Finish writes the rest of info, as it does for the drift check.
            ["info"] = new JsonObject { ["version"] = infoVersion },
            ["servers"] = source["servers"]?.DeepClone() ?? new JsonArray(new JsonObject { ["url"] = "https://api.gcore.com" }),
            ["security"] = new JsonArray(new JsonObject { [ClientContract.SecuritySchemeName] = new JsonArray() }),
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = CollectSchemas(source, paths) },
        };
        CanonicalSecurity(source);

        StripExtensions(doc);
        Downgrade.ToOpenApi30(doc, sourceIs31: version.StartsWith("3.1", StringComparison.Ordinal));
        Normalisation.StripProse(doc["paths"]);
        Normalisation.StripProse(doc["components"]);
        Normalisation.Unions(doc["paths"]);
        Normalisation.Unions(doc["components"]);
        var extracted = Normalisation.ExtractNamedInlineSchemas(source, SpecPlaces.Schemas(doc), notes);
        Normalisation.InlineAliases(doc);
        Normalisation.Rename(doc, extracted);
        var (applied, notNeeded) = ApplyFixes(doc, notes);
        var yaml = Finish(doc, overlayYaml, applied, notes);
        var upstream = IamOperations(source);
        NoteUpstreamOperations(upstream, previousRecord, notes);

        var record = new JsonObject
        {
            ["published"] = PublishedAt[form],
            ["form"] = form,
            ["openapi"] = version,
            ["infoVersion"] = infoVersion,
            ["sha256"] = Sha256(sourceBytes),
            ["specSha256"] = Sha256(Encoding.UTF8.GetBytes(yaml)),
            ["operations"] = ClientContract.Operations.Count,
            ["fixesApplied"] = new JsonArray(applied.Select(a => (JsonNode)a).ToArray()),
            ["fixesNotNeeded"] = new JsonArray(notNeeded.Select(a => (JsonNode)a).ToArray()),
            ["upstreamIamOperations"] = new JsonArray(upstream.Select(u => (JsonNode)u).ToArray()),
        };
        var recordJson = record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        return new ImportResult(yaml, recordJson, notes);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// The stages the client owns, after Gcore's description was selected, normalised, renamed and
    /// fixed: enum member names, the security scheme, tags, the notes of the applied fixes, the
    /// descriptions (overlay), the contract check, the fixed order. The drift check runs them again
    /// on the committed spec, so that a table changed without a new import is caught offline.
    /// </summary>
    internal static string Finish(JsonObject doc, string overlayYaml, IReadOnlyList<string> appliedFixes, List<string> notes)
    {
        Normalisation.NameEnumMembers(doc);
        MarkFixes(doc, appliedFixes);
        MarkResendSafety(doc);
        DescribeResponses(doc);
        doc["info"] = new JsonObject
        {
            ["title"] = ClientContract.Title,
            ["version"] = (string?)doc["info"]?["version"] ?? throw new ImportException("The spec has no info.version."),
            ["description"] = ClientContract.Description,
            ["license"] = new JsonObject { ["name"] = ClientContract.LicenseName, ["url"] = ClientContract.LicenseUrl },
        };
        doc["components"]!["securitySchemes"] = new JsonObject { [ClientContract.SecuritySchemeName] = ClientContract.SecurityScheme() };
        SpecPlaces.Schemas(doc)[ClientContract.ErrorSchemaName] = ClientContract.ErrorBody();
        var usedTags = ClientContract.Operations.Select(o => o.Tag).ToHashSet(StringComparer.Ordinal);
        doc["tags"] = new JsonArray(ClientContract.Tags.Where(t => usedTags.Contains(t.Name))
            .Select(t => (JsonNode)new JsonObject { ["name"] = t.Name, ["description"] = t.Description }).ToArray());
        foreach (var target in Overlay.Apply(doc, overlayYaml))
        {
            notes.Add($"{Overlay.FileName}: the target {target} is not in the spec; update or remove that description.");
        }

        ContractFacts.Apply(doc);
        var problems = HandwrittenContract.Check(doc);
        if (problems.Count > 0)
        {
            throw new ImportException(
                "The spec this description gives breaks the contract of the handwritten layer (tools/Gcore.Iam.SpecTool/Import/HandwrittenContract.cs), " +
                "so the library would not build or would misread answers; nothing was written:\n  " + string.Join("\n  ", problems));
        }

        var yaml = YamlText.Write(Ordering.Normalise(doc));
        ValidateWithOpenApiLibrary(yaml, isOutput: true, notes);
        return yaml;
    }

    /// <summary>Writes <c>x-gcore-fix: "id: defect"</c> on the targets of each applied fix.</summary>
    private static void MarkFixes(JsonObject doc, IReadOnlyList<string> appliedFixes)
    {
        var onTarget = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var fix in SpecFixes.All.Where(f => appliedFixes.Contains(f.Id)))
        {
            foreach (var target in fix.Targets(doc))
            {
                if (!onTarget.TryGetValue(target, out var list))
                {
                    onTarget[target] = list = [];
                }

                list.Add(fix.Id + ": " + fix.Defect);
            }
        }

        foreach (var (target, reasons) in onTarget)
        {
            var node = JsonPointer.Resolve(doc, target) as JsonObject
                ?? throw new ImportException($"The target {target} of a fix is not in the spec.");
            node["x-gcore-fix"] = reasons.Count == 1 ? reasons[0] : new JsonArray(reasons.Select(r => (JsonNode)r).ToArray());
        }
    }

    /// <summary>
    /// Writes each operation's <see cref="ClientOperation.Resend"/> as <c>x-gcore-resend</c>
    /// (<c>rule</c>, <c>reason</c>, and for a rule that is not safe the <c>check</c> its caller's exception gives).
    /// </summary>
    private static void MarkResendSafety(JsonObject doc)
    {
        foreach (var op in ClientContract.Operations)
        {
            var resend = op.Resend;
            var unsafeRule = resend.Rule is ResendRule.Never or ResendRule.Once;
            if (string.IsNullOrWhiteSpace(resend.Reason) || unsafeRule != !string.IsNullOrWhiteSpace(resend.Check)
                || resend.Check?.IndexOfAny(['"', '\\', '\n']) >= 0)
            {
                throw new ImportException(
                    $"{op.Key} ({op.OperationId}): its resend rule {resend.RuleName} needs a reason, and a check exactly when it is not safe " +
                    "(how a caller whose answer was lost sees whether the change was made; one line without quotes or backslashes: the template writes it into a C# string).");
            }

            var operation = SpecPlaces.Operation(doc, op.Method, op.Path) ?? throw new ImportException($"{op.Key} ({op.OperationId}) is missing.");
            operation[ClientContract.ResendExtension] = resend.ToExtension();
        }
    }

    /// <summary>The covered operations, by method and path, with shared parameters, bodies and answers written in place.</summary>
    private static JsonObject SelectOperations(JsonObject source)
    {
        var missing = ClientContract.Operations.Where(op => source["paths"]?[op.Path]?[op.Method] is not JsonObject).ToList();
        if (missing.Count > 0)
        {
            var v2 = missing.Any(m => m.Path.StartsWith("/iam/v2/", StringComparison.Ordinal))
                ? " Gcore's descriptions before April 2026 have no /iam/v2/ token operations: import a current one."
                : "";
            throw new ImportException(
                $"Gcore's description lacks {missing.Count} of the {ClientContract.Operations.Count} operations this client covers: " +
                string.Join(", ", missing.Select(m => $"{m.Key} ({m.OperationId})")) + "." + v2 +
                " If Gcore removed or moved them, change tools/Gcore.Iam.SpecTool/Import/ClientContract.cs.");
        }

        var paths = new JsonObject();
        foreach (var op in ClientContract.Operations)
        {
            var srcItem = (JsonObject)source["paths"]![op.Path]!;
            var srcOp = (JsonObject)srcItem[op.Method]!;
            var outOp = new JsonObject
            {
                ["tags"] = new JsonArray(op.Tag),
                ["operationId"] = op.OperationId,
            };
            if (srcOp["deprecated"] is { } deprecated)
            {
                outOp["deprecated"] = deprecated.DeepClone();
            }

            var parameters = new List<JsonObject>();
            foreach (var p in (srcItem["parameters"] as JsonArray ?? []).Concat(srcOp["parameters"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var resolved = (JsonObject)Resolve(source, p, "parameters").DeepClone();
                parameters.RemoveAll(q => (string?)q["name"] == (string?)resolved["name"] && (string?)q["in"] == (string?)resolved["in"]);
                parameters.Add(resolved);
            }

            if (parameters.Count > 0)
            {
                // One order whatever order Gcore lists them in, because it is the order of the C# method's
                // parameters: path parameters as the path names them, then query parameters by name.
                var path = op.Path;
                parameters = parameters
                    .OrderBy(p => (string?)p["in"] == "path" ? 0 : (string?)p["in"] == "query" ? 1 : 2)
                    .ThenBy(p => (string?)p["in"] == "path" ? path.IndexOf("{" + (string?)p["name"] + "}", StringComparison.Ordinal) : 0)
                    .ThenBy(p => (string?)p["name"], StringComparer.Ordinal)
                    .ToList();
                foreach (var id in parameters.Where(p => (string?)p["in"] == "path" && (string?)p["schema"]?["type"] == "integer"))
                {
                    // The client's own input check: every id in a path is a positive whole number
                    // (the parameter templates turn this into an ArgumentOutOfRangeException before sending).
                    id["schema"]!["minimum"] = ClientContract.MinimumId;
                }

                outOp["parameters"] = new JsonArray(parameters.Select(p => (JsonNode)p).ToArray());
            }

            if (srcOp["requestBody"] is JsonObject body)
            {
                var resolved = Resolve(source, body, "requestBodies");
                var schema = resolved["content"]?["application/json"]?["schema"]
                    ?? throw new ImportException($"{op.Key} takes a body that is not JSON.");
                outOp["requestBody"] = new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema.DeepClone() } },
                };
            }

            var responses = new JsonObject();
            foreach (var (status, response) in srcOp["responses"] as JsonObject ?? [])
            {
                var resolved = Resolve(source, (JsonObject)response!, "responses");
                if (status.StartsWith('2'))
                {
                    var schema = resolved["content"]?["application/json"]?["schema"];
                    responses[status] = schema is null
                        ? new JsonObject()
                        : new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema.DeepClone() } } };
                }
                else if (ClientContract.ErrorResponses.ContainsKey(status))
                {
                    responses[status] = new JsonObject
                    {
                        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = SpecPlaces.Ref(ClientContract.ErrorSchemaName) } } },
                    };
                }
            }

            if (!responses.Any(r => r.Key.StartsWith('2')))
            {
                throw new ImportException($"{op.Key} ({op.OperationId}) has no 2xx answer in Gcore's description.");
            }

            outOp["responses"] = responses;
            if (srcOp["security"] is JsonArray { Count: 0 })
            {
                outOp["security"] = new JsonArray();
            }

            ApplyClientNames(op, outOp);
            paths[op.Path] ??= new JsonObject();
            paths[op.Path]![op.Method] = outOp;
        }

        return paths;
    }

    /// <summary>Sets the descriptions the client owns on answers (errors from <see cref="ClientContract.ErrorResponses"/>).</summary>
    private static void DescribeResponses(JsonObject doc)
    {
        foreach (var (_, item) in doc["paths"]!.AsObject())
        {
            foreach (var (_, op) in item!.AsObject())
            {
                foreach (var (status, response) in (op!["responses"] as JsonObject) ?? [])
                {
                    var r = (JsonObject)response!;
                    if (!r.ContainsKey("description"))
                    {
                        r["description"] = ClientContract.ErrorResponses.TryGetValue(status, out var d) ? d : "Success.";
                    }
                }
            }
        }
    }

    private static JsonObject Resolve(JsonObject source, JsonObject node, string kind) =>
        JsonPointer.FollowReferences(source, node, message => new ImportException(message), under: "/components/" + kind + "/");

    /// <summary>Checks that the scheme Gcore's operations use is one of the two forms Gcore publishes; the spec gets the client's own.</summary>
    private static void CanonicalSecurity(JsonObject source)
    {
        var names = (source["security"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(r => r.Select(p => p.Key)).Distinct().ToList();
        if (names.Count != 1)
        {
            throw new ImportException($"Gcore's description names {names.Count} security schemes at the top level ({string.Join(", ", names)}); the import knows one.");
        }

        var scheme = source["components"]?["securitySchemes"]?[names[0]] as JsonObject
            ?? throw new ImportException($"The security scheme {names[0]} is used but not defined.");
        var type = (string?)scheme["type"];
        var header = type == "apiKey" && (string?)scheme["in"] == "header" && string.Equals((string?)scheme["name"], "Authorization", StringComparison.OrdinalIgnoreCase);
        var http = type == "http" && string.Equals((string?)scheme["scheme"], "APIKey", StringComparison.OrdinalIgnoreCase);
        if (!header && !http)
        {
            throw new ImportException(
                $"The security scheme {names[0]} has a form the import does not know ({scheme.ToJsonString()}); " +
                "known: apiKey in the Authorization header (per-product file), http with scheme APIKey (aggregated file).");
        }
    }

    private static void ApplyClientNames(ClientOperation op, JsonObject outOp)
    {
        if (op.BodyName is not null || op.BodyPosition is not null)
        {
            var body = outOp["requestBody"] as JsonObject
                ?? throw new ImportException($"{op.Key} has no request body, but the client names one ({op.BodyName}).");
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
                ?? throw new ImportException($"{op.Key} has no parameter {jsonName}, but the client names it {csName}.");
            parameter["x-originalName"] = csName;
        }
    }

    /// <summary>Copies every schema the client's operations reference, transitively, under its upstream name.</summary>
    private static JsonObject CollectSchemas(JsonObject source, JsonObject paths)
    {
        var collected = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var queue = new Queue<JsonNode>();
        queue.Enqueue(paths);
        while (queue.Count > 0)
        {
            foreach (var reference in References(queue.Dequeue()))
            {
                var pointer = JsonPointer.FromLocalRef(reference) ?? throw new ImportException($"Only local references are supported; found {reference}.");
                const string prefix = "/components/schemas/";
                if (!pointer.StartsWith(prefix, StringComparison.Ordinal) || pointer[prefix.Length..].Contains('/', StringComparison.Ordinal))
                {
                    throw new ImportException($"Unsupported reference target {reference} (only whole component schemas are read).");
                }

                var name = JsonPointer.Unescape(pointer[prefix.Length..]);
                if (collected.ContainsKey(name) || name == ClientContract.ErrorSchemaName)
                {
                    continue;
                }

                var target = JsonPointer.Resolve(source, pointer) ?? throw new ImportException($"Dangling reference {reference}.");
                var clone = target.DeepClone();
                collected[name] = clone;
                queue.Enqueue(clone);
            }
        }

        var schemas = new JsonObject();
        foreach (var (name, node) in collected)
        {
            schemas[name] = node;
        }

        return schemas;
    }

    private static (List<string> Applied, List<string> NotNeeded) ApplyFixes(JsonObject doc, List<string> notes)
    {
        var applied = new List<string>();
        var notNeeded = new List<string>();
        var changed = new List<string>();
        foreach (var fix in SpecFixes.All)
        {
            var check = fix.Check(doc);
            switch (check.State)
            {
                case DefectState.Changed:
                    changed.Add($"fix {fix.Id} ({fix.Where}): the target changed shape ({check.Detail}); it can neither apply nor show that the defect is gone. Update or remove it in SpecFixes.All.");
                    continue;
                case DefectState.Absent:
                    notNeeded.Add(fix.Id);
                    notes.Add($"fix {fix.Id} is no longer needed: Gcore's description no longer has the defect ({check.Detail}; {fix.Where}); it can be removed from SpecFixes.All once older descriptions no longer matter.");
                    continue;
            }

            fix.Apply(doc);
            var after = fix.Check(doc);
            if (after.State != DefectState.Absent)
            {
                throw new ImportException($"fix {fix.Id} did not correct the defect it is for ({after.Detail}).");
            }

            applied.Add(fix.Id);
        }

        if (changed.Count > 0)
        {
            throw new ImportException(string.Join("\n", changed));
        }

        return (applied, notNeeded);
    }

    /// <summary>Every IAM operation of the source (<c>GET /iam/users</c>), deprecated ones marked.</summary>
    private static List<string> IamOperations(JsonObject source)
    {
        var list = new List<string>();
        foreach (var (path, item) in source["paths"]?.AsObject() ?? [])
        {
            if (!path.StartsWith("/iam/", StringComparison.Ordinal) || item is not JsonObject ops)
            {
                continue;
            }

            foreach (var (method, op) in ops)
            {
                if (MethodOrder.Contains(method))
                {
                    list.Add($"{method.ToUpperInvariant()} {path}" + (op?["deprecated"]?.GetValue<bool>() == true ? " (deprecated)" : ""));
                }
            }
        }

        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static void NoteUpstreamOperations(List<string> upstream, JsonObject? previousRecord, List<string> notes)
    {
        var covered = ClientContract.Operations.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var known = (previousRecord?["upstreamIamOperations"] as JsonArray)?.Select(n => KeyOf((string)n!)).ToHashSet(StringComparer.Ordinal);
        var current = upstream.Select(KeyOf).ToHashSet(StringComparer.Ordinal);
        var notCovered = new List<string>();
        foreach (var op in upstream)
        {
            var key = KeyOf(op);
            if (covered.Contains(key))
            {
                continue;
            }

            if (known is not null && !known.Contains(key))
            {
                notes.Add($"new upstream operation, not covered by the client: {op}");
            }
            else
            {
                notCovered.Add(op);
            }
        }

        if (notCovered.Count > 0)
        {
            notes.Add($"not covered by the client ({notCovered.Count}{(known is null ? "" : ", known before")}): {string.Join(", ", notCovered)}");
        }

        foreach (var gone in known?.Where(k => !current.Contains(k)) ?? [])
        {
            notes.Add($"upstream operation removed since the last import: {gone}");
        }

        static string KeyOf(string op) => op.Replace(" (deprecated)", "", StringComparison.Ordinal);
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
