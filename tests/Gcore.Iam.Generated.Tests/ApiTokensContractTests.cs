using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Tests;

[TestFixture]
public class ApiTokensContractTests : GcoreIamTestBase
{
    [Test]
    public async Task CreateApiToken_sends_POST_with_the_token_and_reads_the_secret()
    {
        Respond("POST", "/iam/v2/clients/200001/tokens", "api-token-created.json");
        var create = new ApiTokenCreate
        {
            Name = "monitoring",
            Description = "Read-only access for the status page",
            ClientUser = new ApiTokenRole { Role = new UserGroup { Id = 2, Name = "Users" } },
            ExpDate = null,
        };

        var token = await Client.ApiTokens.CreateApiTokenAsync(200001, create);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/v2/clients/200001/tokens"));
            Assert.That(QueryOf(request), Is.Empty);
            AssertAuthorization(request);
            AssertJsonBody(request, FixtureJson("request-api-token-create.json"));

            Assert.That(token.Id, Is.EqualTo(303));
            Assert.That(token.Name, Is.EqualTo("monitoring"));
            Assert.That(token.Description, Is.EqualTo("Read-only access for the status page"));
            Assert.That(token.Created, Is.EqualTo("2026-11-28T10:00:00Z"));
            Assert.That(token.ExpDate, Is.Null);
            Assert.That(token.Expired, Is.False);
            Assert.That(token.Deleted, Is.False);
            Assert.That(token.LastUsage, Is.Null);
            Assert.That(token.ClientUser!.Role!.Id, Is.EqualTo(2));
            Assert.That(token.Token, Is.EqualTo("303_FakeSecretForTests9f8e7d6c5b4a"));
            Assert.That(token.AdditionalProperties, Is.Empty);
        });
    }

    [Test]
    public async Task CreateApiToken_with_an_expiry_sends_the_RFC_3339_string_and_leaves_out_no_description()
    {
        Respond("POST", "/iam/v2/clients/200001/tokens", "api-token-created.json");

        await Client.ApiTokens.CreateApiTokenAsync(200001, new ApiTokenCreate
        {
            Name = "ci-deploy",
            ClientUser = new ApiTokenRole { Role = new UserGroup { Id = 3022 } },
            ExpDate = "2026-06-01T00:00:00Z",
        });

        AssertJsonBody(SingleRequest(), JObject.Parse(
            """{"name": "ci-deploy", "client_user": {"role": {"id": 3022}}, "exp_date": "2026-06-01T00:00:00Z"}"""));
    }

    [Test]
    public async Task ListApiTokens_sends_GET_without_filters_and_reads_the_bare_array()
    {
        Respond("GET", "/iam/v2/clients/200001/tokens", "api-tokens.json");

        var tokens = await Client.ApiTokens.ListApiTokensAsync(200001);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/v2/clients/200001/tokens"));
            Assert.That(QueryOf(request), Is.Empty);
            AssertAuthorization(request);

            Assert.That(tokens.Select(t => t.Id), Is.EqualTo(new[] { 301, 302 }));
            AssertCiDeployToken(tokens[0]);
            var terraform = tokens[1];
            Assert.That(terraform.Name, Is.EqualTo("terraform"));
            Assert.That(terraform.Description, Is.Null);
            Assert.That(terraform.ExpDate, Is.Null);
            Assert.That(terraform.LastUsage, Is.Null);
            Assert.That(terraform.ClientUser!.UserName, Is.Null);
            Assert.That(terraform.ClientUser.Deleted, Is.True);
            Assert.That(terraform.ClientUser.Role!.Name, Is.EqualTo(UserGroupName.Administrators));
        });
    }

    [Test]
    public async Task ListApiTokens_sends_every_filter_in_the_query()
    {
        Respond("GET", "/iam/v2/clients/200001/tokens", "api-tokens.json");

        await Client.ApiTokens.ListApiTokensAsync(200001, deleted: true, issuedBy: 101, notIssuedBy: 102, role: "Purge and Prefetch only (API)");

        Assert.That(QueryOf(SingleRequest()),
            Is.EqualTo("deleted=true&issued_by=101&not_issued_by=102&role=Purge%20and%20Prefetch%20only%20%28API%29"));
    }

    [Test]
    public async Task GetApiToken_sends_GET_and_maps_every_field()
    {
        Respond("GET", "/iam/v2/clients/200001/tokens/301", "api-token.json");

        var token = await Client.ApiTokens.GetApiTokenAsync(200001, 301);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/v2/clients/200001/tokens/301"));
            Assert.That(QueryOf(request), Is.Empty);
            AssertAuthorization(request);
            AssertCiDeployToken(token);
        });
    }

    [TestCase(200)]
    [TestCase(204)]
    public async Task DeleteApiToken_sends_DELETE_and_accepts_an_empty_answer(int status)
    {
        RespondRaw("DELETE", "/iam/v2/clients/200001/tokens/302", status, body: null);

        await Client.ApiTokens.DeleteApiTokenAsync(200001, 302);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("DELETE"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/v2/clients/200001/tokens/302"));
            Assert.That(QueryOf(request), Is.Empty);
            Assert.That(request.Body, Is.Null.Or.Empty);
            Assert.That(request.Headers!["Accept"], Is.EqualTo(new[] { "*/*" }));
            AssertAuthorization(request);
        });
    }

    private static void AssertCiDeployToken(ApiToken token)
    {
        Assert.That(token.Id, Is.EqualTo(301));
        Assert.That(token.Name, Is.EqualTo("ci-deploy"));
        Assert.That(token.Description, Is.EqualTo("Purges the CDN cache after each deploy"));
        Assert.That(token.Created, Is.EqualTo("2025-06-01T09:30:00Z"));
        Assert.That(token.ExpDate, Is.EqualTo("2026-06-01T00:00:00Z"));
        Assert.That(token.Expired, Is.False);
        Assert.That(token.Deleted, Is.False);
        Assert.That(token.LastUsage, Is.EqualTo("2026-11-27T22:01:12Z"));
        var user = token.ClientUser!;
        Assert.That(user.ClientId, Is.EqualTo(200001));
        Assert.That(user.UserId, Is.EqualTo(101));
        Assert.That(user.UserEmail, Is.EqualTo("anna.schmidt@example.com"));
        Assert.That(user.UserName, Is.EqualTo("Anna Schmidt"));
        Assert.That(user.Deleted, Is.False);
        Assert.That(user.Role!.Id, Is.EqualTo(3022));
        Assert.That(user.Role.Name, Is.EqualTo(UserGroupName.PurgeAndPrefetchOnlyApi));
    }
}
