using NJsonSchema;
using NSwag;

namespace Gcore.Iam.Cli.Tests.Answers;

/// <summary>One operation of the client's spec, with the success answer's schema taken from one description.</summary>
/// <param name="Id">The client's operation id (<c>Users_GetUser</c>).</param>
/// <param name="Method">GET, POST, ...</param>
/// <param name="Path">The path template (<c>/iam/users/{userId}</c>).</param>
/// <param name="Status">The first success status the spec lists.</param>
/// <param name="Answer">The schema of the success answer's body, or null for an answer without one.</param>
/// <param name="Cli">The gcore-iam command that calls it (the operation table's <c>x-gcore-cli</c>).</param>
internal sealed record SpecOperation(string Id, string Method, string Path, int Status, JsonSchema? Answer, string Cli)
{
    /// <summary><c>Users.GetUser</c>, as the library's messages name an operation.</summary>
    public string Name => Id.Replace('_', '.');

    public override string ToString() => Id;
}

/// <summary>
/// The operations of the committed spec (<c>openapi/gcore-iam.yaml</c>), with their answers' schemas
/// from the spec itself or from the structure of Gcore's published description before the fixes (the
/// SpecTool's fixture, <c>iam-per-product.yaml</c>: members typed as Gcore types them, <c>number</c>
/// for some whole numbers, links that are not nullable, ...), matched by method and path.
/// </summary>
internal static class SpecOperations
{
    public const string Spec = "spec";

    public const string Gcore = "gcore";

    private static readonly Lazy<OpenApiDocument> ClientSpec = new(() => Load("gcore-iam.yaml"));

    private static readonly Lazy<OpenApiDocument> GcoreStructure = new(() => Load("iam-per-product.yaml"));

    /// <summary>The operations, answered as <paramref name="source"/> (<see cref="Spec"/> or <see cref="Gcore"/>) describes.</summary>
    public static IReadOnlyList<SpecOperation> From(string source)
    {
        var answers = source == Spec ? ClientSpec.Value : GcoreStructure.Value;
        var operations = new List<SpecOperation>();
        foreach (var (path, item) in ClientSpec.Value.Paths)
        {
            foreach (var (method, operation) in item)
            {
                var status = operation.ActualResponses.Keys.Where(k => k.StartsWith('2')).Order(StringComparer.Ordinal).First();
                var described = answers.Paths.TryGetValue(path, out var other) && other.TryGetValue(method, out var op) ? op
                    : throw new InvalidOperationException($"{source} has no {method.ToUpperInvariant()} {path}.");
                var schema = described.ActualResponses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value.ActualResponse.Content.Values.FirstOrDefault()?.Schema).FirstOrDefault(s => s is not null);
                var cli = operation.ExtensionData?.TryGetValue("x-gcore-cli", out var command) == true ? command?.ToString() : null;
                operations.Add(new SpecOperation(operation.OperationId, method.ToUpperInvariant(), path, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), schema,
                    cli ?? throw new InvalidOperationException($"{operation.OperationId} names no gcore-iam command (x-gcore-cli).")));
            }
        }

        return operations;
    }

    /// <summary>The example of the committed spec's schema <paramref name="schema"/> (JSON), or null when it has none.</summary>
    public static string? Example(string schema) =>
        ClientSpec.Value.Components.Schemas.TryGetValue(schema, out var found) && found.Example is { } example
            ? Newtonsoft.Json.Linq.JToken.FromObject(example).ToString()
            : null;

    private static OpenApiDocument Load(string file) =>
        OpenApiYamlDocument.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "openapi", file)).GetAwaiter().GetResult();
}
