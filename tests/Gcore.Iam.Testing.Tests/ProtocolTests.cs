using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing.Tests;

[TestFixture]
public class ProtocolTests : FakeServerTestBase
{
    [Test]
    public async Task Users_without_limit_answer_a_bare_array_of_every_user()
    {
        var (status, body, headers) = await SendRawAsync(HttpMethod.Get, "iam/users?offset=5");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(headers["Content-Type"], Does.StartWith("application/json"));
            Assert.That(body, Is.InstanceOf<JArray>());
            Assert.That(((JArray)body!).Count, Is.EqualTo(12), "offset without limit is ignored, as the live API does");
            Assert.That(body![0]!["email"]!.Value<string>(), Is.EqualTo("owner@example.com"));
        });
    }

    [Test]
    public async Task Users_with_limit_answer_the_envelope_honouring_offset()
    {
        var (_, first, _) = await SendRawAsync(HttpMethod.Get, "iam/users?limit=5");
        var (_, middle, _) = await SendRawAsync(HttpMethod.Get, "iam/users?limit=5&offset=5");
        var (_, last, _) = await SendRawAsync(HttpMethod.Get, "iam/users?limit=5&offset=10");
        var (_, beyond, _) = await SendRawAsync(HttpMethod.Get, "iam/users?limit=5&offset=40");

        Assert.Multiple(() =>
        {
            Assert.That(first!["count"]!.Value<int>(), Is.EqualTo(12));
            Assert.That(first["results"]!.Select(u => u["id"]!.Value<int>()), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
            Assert.That(first["previous"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That(first["next"]!.Value<string>(), Is.EqualTo(new Uri(Fake.BaseUrl, "iam/users?limit=5&offset=5").ToString()));
            Assert.That(middle!["results"]!.Select(u => u["id"]!.Value<int>()), Is.EqualTo(new[] { 6, 7, 8, 9, 10 }));
            Assert.That(middle["previous"]!.Value<string>(), Does.EndWith("limit=5&offset=0"));
            Assert.That(last!["results"]!.Select(u => u["id"]!.Value<int>()), Is.EqualTo(new[] { 11, 12 }));
            Assert.That(last["next"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That(beyond!["results"]!, Is.Empty);
            Assert.That(beyond["count"]!.Value<int>(), Is.EqualTo(12));
        });
    }

    [Test]
    public async Task The_client_walks_every_page()
    {
        var ids = await Client.Users.ListAllUsersAsync(pageSize: 5).Select(u => u.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(Enumerable.Range(1, 12)));
            Assert.That(Fake.Requests.Select(r => r.Query["offset"]), Is.EqualTo(new[] { "0", "5", "10" }));
        });
    }

    [TestCase("limit=0")]
    [TestCase("limit=1001")]
    [TestCase("limit=ten")]
    [TestCase("limit=5&offset=-1")]
    public async Task Bad_paging_parameters_answer_400_with_Gcores_field_errors(string query)
    {
        var (status, body, _) = await SendRawAsync(HttpMethod.Get, "iam/users?" + query);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body!["errors"]!.Children<JProperty>().Select(p => p.Name).Single(), Is.AnyOf("limit", "offset"));
            Assert.That(body["errors"]!.Children<JProperty>().Single().Value, Is.InstanceOf<JArray>().And.Not.Empty);
            Assert.That(Fake.Requests.Single().StatusCode, Is.EqualTo(400));
        });
    }

    [Test]
    public async Task Missing_key_answers_401_like_Gcore()
    {
        var (status, body, _) = await SendRawAsync(HttpMethod.Get, "iam/users", authorization: null);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(401));
            Assert.That(JToken.DeepEquals(body, JObject.Parse("""{"message":"Authentication credentials were not provided."}""")), Is.True, body?.ToString());
            Assert.That(Fake.Requests.Single().Authorized, Is.False);
        });
    }

    [TestCase("APIKey 42_wrong")]
    [TestCase("Bearer {key}")]
    [TestCase("APIKey")]
    public async Task Wrong_key_or_scheme_answers_401(string header)
    {
        var (status, body, _) = await SendRawAsync(HttpMethod.Get, "iam/clients/me", authorization: header.Replace("{key}", Fake.ApiKey, StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(401));
            Assert.That(body!["message"]!.Value<string>(), Is.Not.Empty);
            Assert.That(body.ToString(), Does.Not.Contain(Fake.ApiKey));
        });
    }

    [Test]
    public async Task The_scheme_word_is_not_case_sensitive_but_the_key_is()
    {
        var (lower, _, _) = await SendRawAsync(HttpMethod.Get, "iam/clients/me", authorization: "apikey " + Fake.ApiKey);
        var (upperKey, _, _) = await SendRawAsync(HttpMethod.Get, "iam/clients/me", authorization: "APIKey " + Fake.ApiKey.ToUpperInvariant());

        Assert.Multiple(() =>
        {
            Assert.That(lower, Is.EqualTo(200));
            Assert.That(upperKey, Is.EqualTo(401));
        });
    }

    [Test]
    public void A_client_with_a_wrong_key_gets_the_authentication_exception()
    {
        using var client = Fake.CreateClient(o => o.ApiKey = "42_not-the-key-0000");

        var ex = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => client.Account.GetAccountOverviewAsync());

        Assert.That(ex!.GcoreMessage, Is.EqualTo("Invalid API token."));
    }

    [Test]
    public async Task Unknown_ids_and_paths_answer_404_and_wrong_methods_405()
    {
        var (user, userBody, _) = await SendRawAsync(HttpMethod.Get, "iam/users/4040");
        var (huge, _, _) = await SendRawAsync(HttpMethod.Get, "iam/users/99999999999");
        var (token, _, _) = await SendRawAsync(HttpMethod.Get, $"iam/v2/clients/{Fake.AccountId}/tokens/77");
        var (path, _, _) = await SendRawAsync(HttpMethod.Get, "iam/nothing-here");
        var (method, _, _) = await SendRawAsync(HttpMethod.Put, "iam/users/1", "{}");

        Assert.Multiple(() =>
        {
            Assert.That(user, Is.EqualTo(404));
            Assert.That(userBody!["message"]!.Value<string>(), Is.EqualTo("User not found."));
            Assert.That(huge, Is.EqualTo(404));
            Assert.That(token, Is.EqualTo(404));
            Assert.That(path, Is.EqualTo(404));
            Assert.That(method, Is.EqualTo(405));
        });
    }

    [TestCase("""{"email": "not-an-address"}""", "email")]
    [TestCase("""{"lang": "xx"}""", "lang")]
    [TestCase("""{"name": 42}""", "name")]
    [TestCase("""{"auth_types": ["password", "carrier-pigeon"]}""", "auth_types")]
    [TestCase("""{"email": "john.doe@example.com", "phone": null}""", "email")]
    public async Task An_invalid_update_answers_400_with_the_field_and_changes_nothing(string json, string field)
    {
        var before = Fake.Users.Single(u => u.Id == 1);

        var (status, body, _) = await SendRawAsync(HttpMethod.Patch, "iam/users/1", json);

        var after = Fake.Users.Single(u => u.Id == 1);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body!["errors"]![field], Is.InstanceOf<JArray>(), body.ToString());
            Assert.That(after.Email, Is.EqualTo(before.Email));
            Assert.That(after.Phone, Is.EqualTo(before.Phone));
        });
    }

    [TestCase("{\"name\": ")]
    [TestCase("[1, 2]")]
    [TestCase("")]
    public async Task A_body_that_is_not_a_JSON_object_answers_400(string json)
    {
        var (status, body, _) = await SendRawAsync(HttpMethod.Post, "iam/clients/invite_user", json);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            // Not JSON: {"message": "JSON parse error - ..."}; not an object, or nothing: {"errors": {"non_field_errors": [...]}}.
            Assert.That(body!["message"]?.Value<string>() ?? body["errors"]?["non_field_errors"]?[0]?.Value<string>(), Is.Not.Empty, body.ToString());
            Assert.That(Fake.Users, Has.Count.EqualTo(12));
        });
    }

    [Test]
    public async Task An_invite_without_required_fields_is_a_400_naming_each_field()
    {
        var (status, body, _) = await SendRawAsync(HttpMethod.Post, "iam/clients/invite_user", """{"client_id": "x", "lang": "en"}""");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body!["errors"]!.Children<JProperty>().Select(p => p.Name), Is.EquivalentTo(new[] { "client_id", "email", "user_role" }));
            Assert.That(Fake.Users, Has.Count.EqualTo(12));
        });
    }

    [Test]
    public async Task Values_the_data_refuses_answer_422_or_Gcores_invitation_error()
    {
        var (groupStatus, unknownGroup, _) = await SendRawAsync(HttpMethod.Post, "iam/clients/invite_user",
            $$$"""{"client_id": {{{Fake.AccountId}}}, "email": "a@example.com", "user_role": {"id": 4}}""");
        var (takenStatus, taken, _) = await SendRawAsync(HttpMethod.Post, "iam/clients/invite_user",
            $$$"""{"client_id": {{{Fake.AccountId}}}, "email": "John.Doe@example.com", "user_role": {"id": 2}}""");
        var (roleStatus, role, _) = await SendRawAsync(HttpMethod.Post, $"iam/v2/clients/{Fake.AccountId}/tokens",
            """{"name": "x", "client_user": {"role": {"id": 4}}, "exp_date": null}""");
        var (pastStatus, past, _) = await SendRawAsync(HttpMethod.Post, $"iam/v2/clients/{Fake.AccountId}/tokens",
            """{"name": "old", "client_user": {"role": {"id": 1}}, "exp_date": "2001-01-01T00:00:00Z"}""");
        var viaClient = Assert.ThrowsAsync<GcoreIamUnprocessableEntityException>(() => Client.Users.InviteUserAsync(
            new UserInvite { ClientId = Fake.AccountId, Email = "b@example.com", UserRole = new UserGroup { Id = 4 } }));

        Assert.Multiple(() =>
        {
            Assert.That((groupStatus, takenStatus, roleStatus, pastStatus), Is.EqualTo((422, 400, 422, 422)));
            Assert.That(unknownGroup!["errors"]!.Children<JProperty>().Select(p => p.Name), Is.EqualTo(new[] { "user_role" }));
            Assert.That(taken, Is.InstanceOf<JArray>());
            Assert.That(taken![0]!.Value<string>(), Does.StartWith("User 2 has already been invited to client "));
            Assert.That(role!["errors"]!["client_user"]!["role"], Is.InstanceOf<JArray>(), "nested, as Gcore's CreateTokenError");
            Assert.That(past!["errors"]!["exp_date"], Is.InstanceOf<JArray>());
            Assert.That(viaClient!.RequestId, Does.StartWith("fake-"));
            Assert.That(viaClient.FieldErrors.Keys, Is.EqualTo(new[] { "user_role" }));
            Assert.That(Fake.Users, Has.Count.EqualTo(12));
            Assert.That(Fake.ApiTokens, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task A_token_without_exp_date_is_a_400()
    {
        var (status, body, _) = await SendRawAsync(HttpMethod.Post, $"iam/v2/clients/{Fake.AccountId}/tokens", """{"name": "x", "client_user": {"role": {"id": 1}}}""");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body!["errors"]!["exp_date"], Is.EqualTo(new JArray("This field is required.")));
        });
    }

    [Test]
    public async Task Requests_are_recorded_for_assertions_without_the_key()
    {
        await Client.Users.UpdateUserAsync(5, new UserUpdate { Phone = "+994 50 555 0101" });
        await Client.Users.ListUsersAsync(limit: 3, offset: 3);
        await SendRawAsync(HttpMethod.Get, "iam/clients/me", authorization: null);

        var requests = Fake.Requests;
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.UpdateUser, FakeOperation.ListUsers, FakeOperation.GetAccountOverview }));
            Assert.That(requests[0].Method, Is.EqualTo("PATCH"));
            Assert.That(requests[0].Path, Is.EqualTo("/iam/users/5"));
            Assert.That(JToken.DeepEquals(JToken.Parse(requests[0].Body!), JObject.Parse("""{"phone":"+994 50 555 0101"}""")), Is.True, requests[0].Body);
            Assert.That(requests[0].StatusCode, Is.EqualTo(200));
            Assert.That(requests[1].Query, Is.EquivalentTo(new Dictionary<string, string> { ["limit"] = "3", ["offset"] = "3" }));
            Assert.That(requests[1].Authorized, Is.True);
            Assert.That(requests[1].Headers["User-Agent"], Does.StartWith("Gcore.Iam.Generated/"));
            Assert.That(requests[1].Headers.ContainsKey("Authorization"), Is.False, "the key is never recorded");
            Assert.That(requests[2].Authorized, Is.False);
            Assert.That(requests[2].StatusCode, Is.EqualTo(401));
            Assert.That(string.Join("\n", requests.Select(r => r.ToString())), Does.Not.Contain(Fake.ApiKey));
        });

        Fake.ClearRequests();
        Assert.That(Fake.Requests, Is.Empty);
    }

    [Test]
    public async Task Unknown_enum_values_reach_the_client_without_failing_it()
    {
        Fake.SendUnknownEnumValues = true;

        var user = await Client.Users.GetUserAsync(1);
        var page = await Client.Users.ListUsersAsync(limit: 2);
        var overview = await Client.Account.GetAccountOverviewAsync();

        Assert.Multiple(() =>
        {
            Assert.That(user.Lang.Value, Is.EqualTo("fr"));
            Assert.That(user.Lang.IsKnown, Is.False);
            Assert.That(user.AuthTypes!.Select(a => a.Value), Does.Contain("saml"));
            Assert.That(page.Results.All(u => u.Lang.Value == "fr"), Is.True);
            Assert.That(overview.Capabilities!.Select(c => c.Value), Does.Contain("WAAP"));
            Assert.That(Fake.Users.Single(u => u.Id == 1).Lang, Is.EqualTo(UserLanguage.De), "the stored state keeps known values");
        });
    }
}
