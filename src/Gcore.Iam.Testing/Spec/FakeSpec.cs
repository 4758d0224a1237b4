using System.Globalization;
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

    private FakeSpec(IReadOnlyList<SpecOperation> operations)
    {
        Operations = operations;
    }

    /// <summary>The spec of the client this assembly was built with.</summary>
    public static FakeSpec Current => Loaded.Value;

    /// <summary>Every operation, in the spec's order.</summary>
    public IReadOnlyList<SpecOperation> Operations { get; }

    /// <summary>The operation <paramref name="method"/> <paramref name="path"/> is, or why none is.</summary>
    public SpecMatch Match(string method, string path)
    {
        var pathMatched = false;
        foreach (var operation in Operations)
        {
            if (operation.TryMatch(path, out var values))
            {
                if (string.Equals(operation.Method, method, StringComparison.OrdinalIgnoreCase))
                {
                    return new SpecMatch(operation, values, MethodNotAllowed: false);
                }

                pathMatched = true;
            }
        }

        return new SpecMatch(null, new Dictionary<string, string>(), pathMatched);
    }

    /// <summary>The operation with <paramref name="operation"/>'s id.</summary>
    public SpecOperation this[FakeOperation operation] =>
        Operations.FirstOrDefault(o => o.Operation == operation) ?? throw new ArgumentOutOfRangeException(nameof(operation), operation, "Not an operation of the spec.");

    private static FakeSpec Load()
    {
        using var stream = typeof(FakeSpec).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The spec is not embedded in {typeof(FakeSpec).Assembly.GetName().Name} ({ResourceName}).");
        using var reader = new StreamReader(stream);
        var document = OpenApiYamlDocument.FromYamlAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
        var operations = new List<SpecOperation>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item)
            {
                operations.Add(SpecOperation.Create(document, path, method, operation));
            }
        }

        // Literal segments win over parameters (/iam/clients/me before /iam/clients/{clientId}/...).
        return new FakeSpec(operations.OrderBy(o => o.PathParameters.Count).ToList());
    }
}

/// <summary>The result of matching a request to the spec: the operation and its path values, or none (404 or 405).</summary>
internal sealed record SpecMatch(SpecOperation? Operation, IReadOnlyDictionary<string, string> PathValues, bool MethodNotAllowed);

/// <summary>One operation of the spec, as the fake needs it.</summary>
internal sealed class SpecOperation
{
    private readonly Regex _path;

    private SpecOperation(string id, FakeOperation operation, string method, string pathTemplate, Regex path, OpenApiOperation spec, bool anonymous)
    {
        Id = id;
        Operation = operation;
        Method = method;
        PathTemplate = pathTemplate;
        _path = path;
        Spec = spec;
        Anonymous = anonymous;
        Parameters = spec.ActualParameters.Where(p => p.Kind is OpenApiParameterKind.Query or OpenApiParameterKind.Path).ToList();
        PathParameters = Regex.Matches(pathTemplate, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();
        var body = spec.RequestBody?.ActualRequestBody;
        BodySchema = body?.Content.TryGetValue("application/json", out var media) == true ? media.Schema?.ActualSchema : null;
        BodyRequired = body?.IsRequired ?? false;
        var success = spec.ActualResponses.Keys.Select(k => int.TryParse(k, CultureInfo.InvariantCulture, out var code) ? code : 0).Where(c => c is >= 200 and < 300).ToList();
        SuccessStatus = success.FirstOrDefault(200);
        EmptySuccessStatus = success.Contains(204) ? 204 : SuccessStatus;
        // The envelope is the 200 schema, or its branch with a count (the users list is one of two shapes).
        var answer = spec.ActualResponses.TryGetValue("200", out var ok) ? ok.ActualResponse.Content.Values.FirstOrDefault()?.Schema?.ActualSchema : null;
        var envelope = answer is null ? null : new[] { answer }.Concat(answer.OneOf.Select(s => s.ActualSchema)).FirstOrDefault(s => s.ActualProperties.ContainsKey("count"));
        PageMember = envelope?.ActualProperties.FirstOrDefault(p => p.Value.ActualSchema.Type.HasFlag(JsonObjectType.Array)).Key;
    }

    /// <summary>The spec's operationId, such as <c>Users_ListUsers</c>.</summary>
    public string Id { get; }

    public FakeOperation Operation { get; }

    /// <summary>Upper case, such as <c>GET</c>.</summary>
    public string Method { get; }

    public string PathTemplate { get; }

    public OpenApiOperation Spec { get; }

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

    /// <summary>The list member of the page envelope the operation answers (<c>results</c>, <c>result</c>); null when it answers none.</summary>
    public string? PageMember { get; }

    public override string ToString() => $"{Method} {PathTemplate} ({Id})";

    internal static SpecOperation Create(OpenApiDocument document, string path, string method, OpenApiOperation spec)
    {
        var id = spec.OperationId ?? throw new InvalidOperationException($"{method.ToUpperInvariant()} {path} has no operationId.");
        var name = id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..];
        if (!Enum.TryParse<FakeOperation>(name, out var operation))
        {
            throw new InvalidOperationException($"FakeOperation has no member {name} for {id}: it is generated from the same spec, so the build is stale.");
        }

        var parameters = spec.ActualParameters.Where(p => p.Kind == OpenApiParameterKind.Path).ToDictionary(p => p.Name);
        var pattern = Regex.Replace(Regex.Escape(path).Replace("\\{", "{", StringComparison.Ordinal), "{([^}]+)}", m =>
        {
            var integer = parameters.TryGetValue(m.Groups[1].Value, out var p) && p.ActualSchema.Type.HasFlag(JsonObjectType.Integer);
            return integer ? @"(\d{1,18})" : "([^/]+)";
        });
        var regex = new Regex("^" + pattern + "/?$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var security = spec.Security ?? document.Security;
        var anonymous = security is not null && security.Count == 0;
        return new SpecOperation(id, operation, method.ToUpperInvariant(), path, regex, spec, anonymous);
    }

    internal bool TryMatch(string path, out Dictionary<string, string> values)
    {
        values = [];
        var match = _path.Match(path);
        if (!match.Success)
        {
            return false;
        }

        for (var i = 0; i < PathParameters.Count; i++)
        {
            values[PathParameters[i]] = Uri.UnescapeDataString(match.Groups[i + 1].Value);
        }

        return true;
    }

    /// <summary>A path value as an int; -1 (matches no object) when it is too large for one.</summary>
    internal static int PathInt(IReadOnlyDictionary<string, string> values, string name) =>
        values.TryGetValue(name, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;
}
