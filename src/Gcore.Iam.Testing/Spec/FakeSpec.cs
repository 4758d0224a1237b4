using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using NJsonSchema;
using NSwag;

namespace Gcore.Iam.Testing.Spec;

/// <summary>
/// The client's spec (<c>openapi/gcore-iam.yaml</c>, embedded in this assembly at build time), read
/// once: its operations, the routes the fake serves, and the schemas its requests are checked
/// against. The fake knows no path, parameter or limit that the spec does not say.
/// </summary>
internal sealed class FakeSpec
{
    private const string ResourceName = "Gcore.Iam.Testing.gcore-iam.yaml";

    private static readonly Lazy<FakeSpec> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The extension the operation table writes on each request-body member that carries a secret.</summary>
    internal const string SecretExtension = "x-gcore-secret";

    private readonly Dictionary<JsonSchema, string> _schemaNames;

    private FakeSpec(IReadOnlyList<SpecOperation> operations, Dictionary<JsonSchema, string> schemaNames, HashSet<string> secretMembers)
    {
        Operations = operations;
        _schemaNames = schemaNames;
        SecretMembers = secretMembers;
    }

    /// <summary>The spec of the client this assembly was built with.</summary>
    public static FakeSpec Current => Loaded.Value;

    /// <summary>Every operation; those with fewer path parameters first, so that literal segments win (<c>/iam/clients/me</c>).</summary>
    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>
    /// The JSON names of the request-body members that carry secrets (passwords, one-time passwords,
    /// refresh tokens): those the spec marks <c>x-gcore-secret</c>, from the operation table, the same list
    /// the library's redaction reads. The request log keeps none of their values.
    /// </summary>
    public IReadOnlyCollection<string> SecretMembers { get; }

    /// <summary>The operation <paramref name="method"/> <paramref name="path"/> is, or why none is.</summary>
    public SpecMatch Match(string method, string path)
    {
        var matches = Operations.Select(o => (Operation: o, Values: o.Match(path))).Where(m => m.Values is not null).ToList();
        var (operation, values) = matches.FirstOrDefault(m => string.Equals(m.Operation.Method, method, StringComparison.OrdinalIgnoreCase));
        return new SpecMatch(operation, values ?? [], MethodNotAllowed: operation is null && matches.Count > 0);
    }

    /// <summary>The name of a schema of <c>components</c> (such as <c>AccountOverview</c>), or null for an inline one.</summary>
    public string? SchemaName(JsonSchema schema) => _schemaNames.GetValueOrDefault(schema);

    private static FakeSpec Load()
    {
        using var stream = typeof(FakeSpec).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The spec is not embedded in {typeof(FakeSpec).Assembly.GetName().Name} ({ResourceName}).");
        using var reader = new StreamReader(stream);
        var document = OpenApiYamlDocument.FromYamlAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
        var operations = document.Paths.SelectMany(path => path.Value.Select(o => new SpecOperation(document, path.Key, o.Key, o.Value)));
        var secrets = document.Components.Schemas.Values
            .SelectMany(schema => schema.ActualProperties)
            .Where(member => member.Value.ExtensionData?.ContainsKey(SecretExtension) == true)
            .Select(member => member.Key)
            .ToHashSet(StringComparer.Ordinal);
        var names = new Dictionary<JsonSchema, string>(EqualityComparer<JsonSchema>.Create(ReferenceEquals, RuntimeHelpers.GetHashCode));
        foreach (var (name, schema) in document.Components.Schemas)
        {
            names[schema] = name;
        }

        return new FakeSpec(operations.OrderBy(o => o.PathParameters.Count).ToList(), names, secrets);
    }
}

/// <summary>The result of matching a request to the spec: the operation and its path values, or none (404 or 405).</summary>
internal sealed record SpecMatch(SpecOperation? Operation, IReadOnlyDictionary<string, string> PathValues, bool MethodNotAllowed);

/// <summary>One operation of the spec, as the fake needs it.</summary>
internal sealed class SpecOperation
{
    private readonly Regex _path;

    internal SpecOperation(OpenApiDocument document, string path, string method, OpenApiOperation spec)
    {
        Id = spec.OperationId ?? throw new InvalidOperationException($"{method.ToUpperInvariant()} {path} has no operationId.");
        var name = Id[(Id.IndexOf('_', StringComparison.Ordinal) + 1)..];
        Operation = Enum.TryParse<FakeOperation>(name, out var operation) ? operation
            : throw new InvalidOperationException($"FakeOperation has no member {name} for {Id}: it is generated from the same spec, so the build is stale.");
        Method = method.ToUpperInvariant();
        PathTemplate = path;
        Parameters = spec.ActualParameters.Where(p => p.Kind is OpenApiParameterKind.Query or OpenApiParameterKind.Path).ToList();
        PathParameters = Regex.Matches(path, "{([^}]+)}").Cast<Match>().Select(m => m.Groups[1].Value).ToList();
        // An integer path parameter matches digits only, as Django's int converter: /iam/users/abc is no route (404).
        var pattern = Regex.Replace(Regex.Escape(path).Replace("\\{", "{"), "{([^}]+)}", m =>
            Parameters.Any(p => p.Name == m.Groups[1].Value && p.Kind == OpenApiParameterKind.Path && p.ActualSchema.Type.HasFlag(JsonObjectType.Integer)) ? @"(\d{1,18})" : "([^/]+)");
        _path = new Regex("^" + pattern + "/?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        Anonymous = (spec.Security ?? document.Security) is { Count: 0 };
        var body = spec.RequestBody?.ActualRequestBody;
        BodySchema = body?.Content.TryGetValue("application/json", out var media) == true ? media.Schema?.ActualSchema : null;
        BodyRequired = body?.IsRequired ?? false;
        var success = spec.ActualResponses.Keys.Select(k => int.TryParse(k, CultureInfo.InvariantCulture, out var code) ? code : 0).Where(c => c is >= 200 and < 300).ToList();
        SuccessStatus = success.FirstOrDefault(200);
        EmptySuccessStatus = success.Contains(204) ? 204 : SuccessStatus;
        // The envelope is the 200 schema, or its branch with a count (the users list is one of two shapes).
        var answer = spec.ActualResponses.TryGetValue("200", out var ok) ? ok.ActualResponse.Content.Values.FirstOrDefault()?.Schema?.ActualSchema : null;
        var envelope = answer is null ? null : answer.OneOf.Select(s => s.ActualSchema).Prepend(answer).FirstOrDefault(s => s.ActualProperties.ContainsKey("count"));
        Responses = spec.ActualResponses.ToDictionary(r => r.Key, r => r.Value.ActualResponse.Content.Values.FirstOrDefault()?.Schema, StringComparer.Ordinal);
        PageMember = envelope?.ActualProperties.FirstOrDefault(p => p.Value.ActualSchema.Type.HasFlag(JsonObjectType.Array)).Key;
    }

    /// <summary>The spec's operationId, such as <c>Users_ListUsers</c>.</summary>
    public string Id { get; }

    public FakeOperation Operation { get; }

    /// <summary>Upper case, such as <c>GET</c>.</summary>
    public string Method { get; }

    public string PathTemplate { get; }

    /// <summary>True when the spec says the operation needs no credentials (<c>security: []</c>): logging in, say.</summary>
    public bool Anonymous { get; }

    /// <summary>The operation's query and path parameters (path-level ones included).</summary>
    public IReadOnlyList<OpenApiParameter> Parameters { get; }

    public IReadOnlyList<string> PathParameters { get; }

    public JsonSchema? BodySchema { get; }

    public bool BodyRequired { get; }

    /// <summary>The spec's (first) success status of an answer with a body, such as 201 for a creation.</summary>
    public int SuccessStatus { get; }

    /// <summary>The spec's success status of an answer without a body: 204 when the spec lists it.</summary>
    public int EmptySuccessStatus { get; }

    /// <summary>The statuses the spec lists, each with its body's schema (null for an answer without a body).</summary>
    public IReadOnlyDictionary<string, JsonSchema?> Responses { get; }

    /// <summary>The list member of the page envelope the operation answers (<c>results</c>, <c>result</c>); null when it answers none.</summary>
    public string? PageMember { get; }

    public override string ToString() => $"{Method} {PathTemplate} ({Id})";

    /// <summary>The path's values by parameter name (unescaped) when <paramref name="path"/> is this operation's; otherwise null.</summary>
    internal Dictionary<string, string>? Match(string path) =>
        _path.Match(path) is { Success: true } match
            ? PathParameters.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => Uri.UnescapeDataString(match.Groups[p.i + 1].Value))
            : null;
}
