using System.Reflection;
using Newtonsoft.Json;
using NSwag;

namespace Gcore.Iam.Tests;

/// <summary>
/// Every operation of the spec (read from <c>openapi/gcore-iam.yaml</c> at run time, not listed
/// here), with the method and path it must use and a call of its client method, to run one check
/// against all of them. The call is made by reflection: the area is the operationId's prefix
/// (<c>GcoreIamClient.Users</c> for <c>Users_GetUser</c>), the method its rest plus <c>Async</c>;
/// path ids come from <see cref="SampleIds"/>, a required <c>limit</c> is 10, optional parameters
/// are left out, and a body is the request fixture (<c>Fixtures/request-*.json</c>, or the schema's example) the
/// manifest assigns to the body's schema.
/// </summary>
public sealed record Operation(string Name, string Area, string Method, string Path, Func<GcoreIamClient, Task> Call, bool ReturnsBody, int SuccessStatus)
{
    /// <summary>Whether the spec gives the operation <c>security: []</c>: its requests carry no credentials.</summary>
    public bool Anonymous { get; init; }

    /// <summary>The id each path parameter gets in the calls, so tests can expect the path.</summary>
    public static readonly IReadOnlyDictionary<string, int> SampleIds = new Dictionary<string, int>
    {
        ["clientId"] = 200001,
        ["userId"] = 101,
        ["tokenId"] = 301,
    };

    private static readonly Lazy<IReadOnlyList<Operation>> Loaded = new(Load);

    public static IEnumerable<Operation> All => Loaded.Value;

    public static IEnumerable<Operation> WithBody => All.Where(o => o.ReturnsBody);

    /// <summary>The spec's operations, for tests that need more than the call.</summary>
    public static OpenApiDocument Spec => SpecDocument.Value;

    private static readonly Lazy<OpenApiDocument> SpecDocument = new(() =>
        OpenApiYamlDocument.FromFileAsync(System.IO.Path.Combine(AppContext.BaseDirectory, "openapi", "gcore-iam.yaml")).GetAwaiter().GetResult());

    /// <summary>The operation in the spec (its parameters, body schema and the table's extensions).</summary>
    public OpenApiOperation SpecOperation { get; private init; } = null!;

    /// <summary>The request fixture the calls send as the body (null when the operation takes none).</summary>
    public string? BodyFixture { get; private init; }

    public override string ToString() => Name;

    /// <summary>
    /// Calls the operation as <see cref="Call"/> does, but with the arguments named in <paramref name="arguments"/>
    /// (by parameter name) and, when <paramref name="bodyJson"/> is given, that body instead of the fixture.
    /// </summary>
    public Task CallWith(GcoreIamClient client, IReadOnlyDictionary<string, object?> arguments, string? bodyJson = null) =>
        Invoke(client, Area, Name, BodyFixture, arguments, bodyJson);

    private static List<Operation> Load()
    {
        var manifest = FixtureManifest.Load();
        var operations = new List<Operation>();
        foreach (var (template, item) in Spec.Paths)
        {
            foreach (var (method, spec) in item)
            {
                var id = spec.OperationId;
                var area = id[..id.IndexOf('_', StringComparison.Ordinal)];
                var name = id[(area.Length + 1)..];
                var path = SampleIds.Aggregate(template, (p, s) => p.Replace("{" + s.Key + "}", s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
                var returnsBody = spec.ActualResponses.Any(r => r.Key.StartsWith('2') && r.Value.ActualResponse.Content.Count > 0);
                var success = int.Parse(spec.ActualResponses.Keys.Where(k => k.StartsWith('2')).Order(StringComparer.Ordinal).First(), System.Globalization.CultureInfo.InvariantCulture);
                var bodySchema = spec.RequestBody?.ActualRequestBody.Content.Values.FirstOrDefault()?.Schema;
                var bodyFixture = bodySchema is null ? null : manifest.Fixtures
                    .Where(f => f.Key.StartsWith("request-", StringComparison.Ordinal))
                    .FirstOrDefault(f => Spec.Components.Schemas.TryGetValue(f.Value.Schema, out var s) && s == bodySchema.ActualSchema).Key
                    ?? throw new InvalidOperationException($"{id} takes a body, but its schema has no example (openapi/descriptions.overlay.yaml) and no Fixtures/request-*.json is assigned to it.");
                operations.Add(new Operation(name, area, method.ToUpperInvariant(), path, client => Invoke(client, area, name, bodyFixture), returnsBody, success)
                {
                    Anonymous = spec.Security is { Count: 0 },
                    SpecOperation = spec,
                    BodyFixture = bodyFixture,
                });
            }
        }

        return operations;
    }

    private static Task Invoke(GcoreIamClient client, string area, string name, string? bodyFixture, IReadOnlyDictionary<string, object?>? given = null, string? bodyJson = null)
    {
        var areaProperty = typeof(GcoreIamClient).GetProperty(area) ?? throw new InvalidOperationException($"GcoreIamClient has no area {area}.");
        var method = areaProperty.PropertyType.GetMethod(name + "Async") ?? throw new InvalidOperationException($"{areaProperty.PropertyType.Name} has no {name}Async.");
        var arguments = method.GetParameters()
            .Select(p => given?.TryGetValue(p.Name!, out var value) == true ? value
                : bodyJson is not null && p.ParameterType.IsClass && p.ParameterType != typeof(string) ? JsonConvert.DeserializeObject(bodyJson, p.ParameterType)
                : Argument(p, bodyFixture))
            .ToArray();
        return (Task)method.Invoke(areaProperty.GetValue(client), arguments)!;
    }

    private static object? Argument(ParameterInfo parameter, string? bodyFixture)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return CancellationToken.None;
        }

        if (SampleIds.TryGetValue(parameter.Name!, out var id))
        {
            return id;
        }

        if (parameter.ParameterType.IsClass && parameter.ParameterType != typeof(string) && bodyFixture is not null)
        {
            return JsonConvert.DeserializeObject(FixtureManifest.Text(bodyFixture), parameter.ParameterType);
        }

        if (parameter.Name == "limit")
        {
            return 10;
        }

        return parameter.HasDefaultValue ? parameter.DefaultValue : throw new InvalidOperationException($"No sample value for {parameter.Member.Name}'s parameter {parameter.Name}.");
    }
}
