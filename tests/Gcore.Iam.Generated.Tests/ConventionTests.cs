using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using NJsonSchema;
using NSwag;

namespace Gcore.Iam.Tests;

/// <summary>Conventions of the public surface, checked by reflection so that a spec or template change cannot quietly break them.</summary>
[TestFixture]
public partial class ConventionTests
{
    private static readonly Assembly Library = typeof(GcoreIamClient).Assembly;

    private static OpenApiDocument _spec = null!;

    [OneTimeSetUp]
    public async Task LoadSpec() =>
        _spec = await OpenApiYamlDocument.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "gcore-iam.yaml"));

    public static IEnumerable<Type> ClientTypes =>
        Library.GetExportedTypes().Where(t => (t.Name.EndsWith("Client", StringComparison.Ordinal) || t.Name.EndsWith("ClientWithRawResponse", StringComparison.Ordinal)) && (t.IsClass || t.IsInterface));

    public static IEnumerable<Type> ModelTypes =>
        Library.GetExportedTypes().Where(t => t.IsClass && t.Namespace == "Gcore.Iam"
            && t.GetCustomAttributes<System.CodeDom.Compiler.GeneratedCodeAttribute>().Any(a => a.Tool == "NJsonSchema"));

    public static IEnumerable<Type> EnumTypes =>
        Library.GetExportedTypes().Where(t => t.IsValueType && t.Namespace == "Gcore.Iam"
            && t.GetCustomAttributes<System.CodeDom.Compiler.GeneratedCodeAttribute>().Any(a => a.Tool == "NJsonSchema"));

    /// <summary>The spec's areas (operationId prefixes, one generated client each), as (client, interface).</summary>
    public static IEnumerable<TestCaseData> Areas =>
        Operation.All.Select(o => o.Area).Distinct().Select(area => new TestCaseData(
            Library.GetType("Gcore.Iam." + area + "Client"), Library.GetType("Gcore.Iam.I" + area + "Client")).SetArgDisplayNames(area));

    [Test]
    public void The_public_clients_offer_every_operation_of_the_spec_and_nothing_else()
    {
        // Hand-written on top of the spec: walkers of every page (ListAllXxxAsync beside ListXxxAsync).
        static bool Walker(string method, IEnumerable<string> spec) =>
            method.StartsWith("ListAll", StringComparison.Ordinal) && spec.Contains("List" + method["ListAll".Length..]);

        Assert.Multiple(() =>
        {
            foreach (var area in Operation.All.GroupBy(o => o.Area))
            {
                var property = typeof(GcoreIamClient).GetProperty(area.Key);
                Assert.That(property, Is.Not.Null, $"GcoreIamClient.{area.Key}");
                var expected = area.Select(o => o.Name + "Async").ToList();
                var methods = AsyncMethods(property!.PropertyType).Select(m => m.Name).Where(m => !Walker(m, expected)).Order();
                Assert.That(methods, Is.EqualTo(expected.Order()), area.Key);
            }

            Assert.That(GcoreIamClient.Areas.Select(p => p.Name).Order(), Is.EqualTo(Operation.All.Select(o => o.Area).Distinct().Order()));
        });
    }

    [TestCaseSource(nameof(ClientTypes))]
    public void Async_methods_end_in_Async_take_an_optional_token_last_and_can_be_mocked(Type type)
    {
        var methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && IsAwaitable(m.ReturnType))
            .ToList();

        Assert.Multiple(() =>
        {
            foreach (var m in methods)
            {
                Assert.That(m.Name, Does.EndWith("Async"), $"{type.Name}.{m.Name}");
                var last = m.GetParameters().LastOrDefault();
                Assert.That(last?.ParameterType, Is.EqualTo(typeof(CancellationToken)), $"{type.Name}.{m.Name}: CancellationToken last");
                Assert.That(last?.HasDefaultValue, Is.True, $"{type.Name}.{m.Name}: the token is optional");
                Assert.That(type.IsInterface || (m.IsVirtual && !m.IsFinal), Is.True, $"{type.Name}.{m.Name}: virtual or on an interface");
            }

            foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)))
            {
                Assert.That(IsAwaitable(m.ReturnType), Is.True, $"{type.Name}.{m.Name} ends in Async but is not asynchronous");
            }
        });
    }

    [TestCaseSource(nameof(Areas))]
    public void Every_async_method_of_a_client_is_on_its_interface(Type client, Type contract)
    {
        Assert.That(client.GetInterfaces(), Does.Contain(contract));
        var onInterface = client.GetInterfaceMap(contract).TargetMethods.ToHashSet();

        Assert.That(AsyncMethods(client).Where(m => !onInterface.Contains(m)).Select(m => m.Name), Is.Empty);
    }

    [Test]
    public void The_async_methods_pass_the_callers_token_on()
    {
        // A token that is already cancelled must stop the call before anything is sent.
        using var client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = "4242_TestKeyDoNotLeak0123456789abcdef", BaseUrl = new Uri("http://127.0.0.1:9/") });
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Multiple(() =>
        {
            Assert.That(() => client.Users.GetUserAsync(1, cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(() => client.Account.GetAccountOverviewAsync(cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(() => client.ApiTokens.ListApiTokensAsync(1, cancellationToken: cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
            Assert.That(async () => await client.Users.ListAllUsersAsync(cancellationToken: cancelled.Token).ToListAsync(), Throws.InstanceOf<OperationCanceledException>());
        });
    }

    [Test]
    public void There_are_models_to_check() =>
        Assert.That(ModelTypes.Select(t => t.Name), Is.SupersetOf(new[] { "User", "UserPage", "UserUpdate", "AccountOverview", "ApiToken", "ApiTokenCreated", "ErrorResponse" }));

    [TestCaseSource(nameof(ModelTypes))]
    public void Model_properties_pin_their_JSON_name_and_have_a_PascalCase_name(Type model)
    {
        Assert.Multiple(() =>
        {
            foreach (var property in model.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
                {
                    // Only presence flags (XxxIsSet beside a data property Xxx) and UserPage.IsUnpaged stay out of the JSON.
                    var flagged = property.Name.EndsWith("IsSet", StringComparison.Ordinal)
                        && model.GetProperty(property.Name[..^"IsSet".Length])?.GetCustomAttribute<JsonPropertyAttribute>() is not null;
                    Assert.That(flagged || (model == typeof(UserPage) && property.Name == nameof(UserPage.IsUnpaged)), Is.True,
                        $"{model.Name}.{property.Name} is public but never read or written");
                    continue;
                }

                if (property.GetCustomAttribute<JsonExtensionDataAttribute>() is not null)
                {
                    Assert.That(property.Name, Is.EqualTo("AdditionalProperties"), $"{model.Name}.{property.Name}");
                    continue;
                }

                var json = property.GetCustomAttribute<JsonPropertyAttribute>();
                Assert.That(json?.PropertyName, Is.Not.Null.And.Not.Empty, $"{model.Name}.{property.Name} has no [JsonProperty] with a name");
                Assert.That(property.Name, Does.Match(PascalCase()), $"{model.Name}.{property.Name}");
                Assert.That(property.Name, Is.EqualTo(ToPascal(json?.PropertyName ?? "")), $"{model.Name}.{property.Name} for JSON '{json?.PropertyName}'");
            }
        });
    }

    [TestCaseSource(nameof(ModelTypes))]
    public void Model_JSON_names_are_exactly_the_spec_schemas_properties(Type model)
    {
        Assert.That(_spec.Components.Schemas.TryGetValue(model.Name, out var schema), Is.True, $"no schema {model.Name} in the spec");
        var specNames = AllProperties(schema!.ActualSchema);
        var modelNames = model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName)
            .OfType<string>();

        Assert.That(modelNames, Is.EquivalentTo(specNames));
    }

    [TestCaseSource(nameof(EnumTypes))]
    public void Enum_known_values_are_exactly_the_spec_enum(Type type)
    {
        Assert.That(_spec.Components.Schemas.TryGetValue(type.Name, out var schema), Is.True, $"no schema {type.Name} in the spec");
        var known = ((IEnumerable)type.GetProperty("KnownValues")!.GetValue(null)!).Cast<object>().Select(v => v.ToString());

        Assert.That(known, Is.EqualTo(schema!.Enumeration.Select(v => v?.ToString())));
    }

    private static IEnumerable<MethodInfo> AsyncMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => IsAwaitable(m.ReturnType));

    private static bool IsAwaitable(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var d
            && (d == typeof(Task<>) || d == typeof(ValueTask<>) || d == typeof(IAsyncEnumerable<>)))
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)); // GcoreIamPageable<T>

    private static List<string> AllProperties(JsonSchema schema)
    {
        var names = schema.Properties.Keys.ToList();
        // UserPage is oneOf(envelope, array): the model is the envelope, the array reads into it.
        foreach (var part in schema.AllOf.Concat(schema.OneOf.Where(o => o.ActualSchema.Type.HasFlag(JsonObjectType.Object))))
        {
            names.AddRange(AllProperties(part.ActualSchema));
        }

        return names;
    }

    private static string ToPascal(string jsonName) =>
        string.Concat(jsonName.Split('_', '-').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex PascalCase();
}
