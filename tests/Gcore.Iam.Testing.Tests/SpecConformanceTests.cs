using Newtonsoft.Json.Linq;
using NJsonSchema;
using NSwag;

namespace Gcore.Iam.Testing.Tests;

/// <summary>Every answer of the fake, raw from the wire, is checked against the spec's schema for it.</summary>
[TestFixture]
public class SpecConformanceTests : FakeServerTestBase
{
    private static OpenApiDocument _spec = null!;

    [OneTimeSetUp]
    public static async Task LoadSpec() =>
        _spec = await OpenApiYamlDocument.FromFileAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "openapi", "gcore-iam.yaml"));

    private static JsonSchema Schema(string name) => _spec.Components.Schemas[name];

    private static void AssertValid(JToken? body, string schemaName)
    {
        Assert.That(body, Is.Not.Null, $"no body to check against {schemaName}");
        var errors = Schema(schemaName).Validate(body!.ToString());
        Assert.That(errors.Select(e => e.ToString()), Is.Empty, $"{schemaName}: {body}");
    }

    [Test]
    public void Every_operation_of_the_spec_is_served_and_has_a_state_handler()
    {
        var specOperations = _spec.Operations.Select(o => o.Operation.OperationId).ToList();
        var enumMembers = Enum.GetValues<FakeOperation>().Where(o => o != FakeOperation.Unknown).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(enumMembers.Select(o => o.ToString()), Is.EqualTo(specOperations.Select(id => id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..])));
            Assert.That(Fake.HandledOperations, Is.EquivalentTo(enumMembers));
        });
    }

    [Test]
    public void The_validator_catches_a_wrong_shape()
    {
        var errors = Schema("User").Validate("""{"id": "seven", "email": "a@example.com", "name": null}""");

        Assert.That(errors.Select(e => e.Path), Is.SupersetOf(new[] { "#/id", "#/phone" }));
    }

    [Test]
    public async Task User_list_answers_match_the_envelope_and_the_array_schemas()
    {
        var (_, envelope, _) = await SendRawAsync(HttpMethod.Get, "iam/users?limit=5&offset=5");
        var (_, array, _) = await SendRawAsync(HttpMethod.Get, "iam/users");

        AssertValid(envelope, "UserPageEnvelope");
        AssertValid(array, "UserArray");
        Assert.That(envelope, Is.InstanceOf<JObject>());
        Assert.That(array, Is.InstanceOf<JArray>());
    }

    [Test]
    public async Task User_answers_match_the_User_schema()
    {
        var (_, user, _) = await SendRawAsync(HttpMethod.Get, "iam/users/6");
        var (_, updated, _) = await SendRawAsync(HttpMethod.Patch, "iam/users/3", """{"name": null, "lang": "zh", "auth_types": ["sso"]}""");
        var (_, invited, _) = await SendRawAsync(HttpMethod.Post, "iam/clients/invite_user",
            $$$"""{"client_id": {{{Fake.AccountId}}}, "email": "z@example.com", "user_role": {"id": 2, "name": "Users"}}""");
        var (_, newUser, _) = await SendRawAsync(HttpMethod.Get, $"iam/users/{invited!["user_id"]}");

        AssertValid(user, "User");
        AssertValid(updated, "User");
        AssertValid(invited, "UserInviteResult");
        AssertValid(newUser, "User");
    }

    [Test]
    public async Task Account_overview_matches_its_schema()
    {
        var (_, overview, _) = await SendRawAsync(HttpMethod.Get, "iam/clients/me");

        AssertValid(overview, "AccountOverview");
        Assert.That(overview!["users"]!.Count(), Is.EqualTo(12));
    }

    [Test]
    public async Task Token_answers_match_their_schemas()
    {
        var (_, created, _) = await SendRawAsync(HttpMethod.Post, $"iam/v2/clients/{Fake.AccountId}/tokens",
            """{"name": "deploy", "description": "d", "client_user": {"role": {"id": 1}}, "exp_date": null}""");
        var (_, list, _) = await SendRawAsync(HttpMethod.Get, $"iam/v2/clients/{Fake.AccountId}/tokens?deleted=true");
        var (_, one, _) = await SendRawAsync(HttpMethod.Get, $"iam/v2/clients/{Fake.AccountId}/tokens/2");

        AssertValid(created, "ApiTokenCreated");
        AssertValid(one, "ApiToken");
        Assert.That(list!.Count(), Is.EqualTo(4));
        foreach (var token in list!)
        {
            AssertValid(token, "ApiToken");
        }
    }

    [Test]
    public async Task Error_answers_match_the_error_schema()
    {
        var (s401, e401, _) = await SendRawAsync(HttpMethod.Get, "iam/users", authorization: null);
        var (s404, e404, _) = await SendRawAsync(HttpMethod.Get, "iam/users/999");
        var (s400, e400, _) = await SendRawAsync(HttpMethod.Patch, "iam/users/1", """{"email": 1}""");
        var (s422, e422, _) = await SendRawAsync(HttpMethod.Post, "iam/clients/invite_user",
            $$$"""{"client_id": {{{Fake.AccountId}}}, "email": "q@example.com", "user_role": {"id": 77}}""");
        Fake.FailNext(FakeFault.RateLimited());
        var (s429, e429, _) = await SendRawAsync(HttpMethod.Get, "iam/users");
        Fake.FailNext(FakeFault.ServerError());
        var (s503, e503, _) = await SendRawAsync(HttpMethod.Get, "iam/users");

        Assert.That(new[] { s401, s404, s400, s422, s429, s503 }, Is.EqualTo(new[] { 401, 404, 400, 422, 429, 503 }));
        foreach (var body in new[] { e401, e404, e400, e422, e429, e503 })
        {
            AssertValid(body, "ErrorResponse");
        }
    }
}
