using Newtonsoft.Json.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests;

[TestFixture]
public class UsersContractTests : GcoreIamTestBase
{
    [Test]
    public async Task GetUser_sends_GET_with_the_key_and_maps_every_field()
    {
        Respond("GET", "/iam/users/101", "user.json");

        var user = await Client.Users.GetUserAsync(101);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/users/101"));
            Assert.That(QueryOf(request), Is.Empty);
            Assert.That(request.Body, Is.Null.Or.Empty);
            AssertAuthorization(request);

            Assert.That(user.Id, Is.EqualTo(101));
            Assert.That(user.Email, Is.EqualTo("anna.schmidt@example.com"));
            Assert.That(user.Name, Is.EqualTo("Anna Schmidt"));
            Assert.That(user.Phone, Is.EqualTo("+49 30 1234567"));
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.De));
            Assert.That(user.Lang.IsKnown, Is.True);
            Assert.That(user.Company, Is.EqualTo("Example GmbH"));
            Assert.That(user.Reseller, Is.EqualTo(1));
            Assert.That(user.Client, Is.EqualTo(200001L));
            Assert.That(user.Deleted, Is.False);
            Assert.That(user.Activated, Is.True);
            Assert.That(user.IsActive, Is.True);
            Assert.That(user.SsoAuth, Is.False);
            Assert.That(user.TwoFa, Is.True);
            Assert.That(user.Groups!.Select(g => (g.Id, g.Name)), Is.EqualTo(new[] { (1, (UserGroupName?)UserGroupName.Administrators) }));
            Assert.That(user.AuthTypes, Is.EqualTo(new[] { AuthType.Password, AuthType.Github }));
            Assert.That(user.UserType, Is.EqualTo(UserType.Common));
            Assert.That(user.ClientAndRoles, Has.Count.EqualTo(1));
            Assert.That(user.ClientAndRoles![0].ClientId, Is.EqualTo(200001));
            Assert.That(user.ClientAndRoles[0].ClientCompanyName, Is.EqualTo("Example GmbH"));
            Assert.That(user.ClientAndRoles[0].UserId, Is.EqualTo(101));
            Assert.That(user.ClientAndRoles[0].UserRoles, Is.EqualTo(new[] { "1" }));
            Assert.That(user.AdditionalProperties, Is.Empty);
        });
    }

    [Test]
    public async Task GetUser_in_English_with_two_accounts_maps_roles_and_sign_in_methods()
    {
        Respond("GET", "/iam/users/102", "user-en.json");

        var user = await Client.Users.GetUserAsync(102);

        Assert.Multiple(() =>
        {
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.En));
            Assert.That(user.UserType, Is.EqualTo(UserType.Reseller));
            Assert.That(user.SsoAuth, Is.True);
            Assert.That(user.AuthTypes, Is.EqualTo(new[] { AuthType.Sso, AuthType.GoogleOauth2 }));
            Assert.That(user.Groups!.Select(g => g.Id), Is.EqualTo(new[] { 2, 3009 }));
            Assert.That(user.Groups![1].Name, Is.EqualTo(UserGroupName.PurgeAndPrefetchOnlyApiWeb));
            Assert.That(user.ClientAndRoles!.Select(c => c.ClientId), Is.EqualTo(new int?[] { 200002, 200003 }));
            Assert.That(user.ClientAndRoles![0].UserRoles, Is.EqualTo(new[] { "2", "3009" }));
            Assert.That(user.ClientAndRoles[1].ClientCompanyName, Is.EqualTo("Example Labs"));
        });
    }

    [Test]
    public async Task GetUser_with_null_name_and_phone_reads_them_as_null()
    {
        Respond("GET", "/iam/users/103", "user-ru-null-name-phone.json");

        var user = await Client.Users.GetUserAsync(103);

        Assert.Multiple(() =>
        {
            Assert.That(user.Name, Is.Null);
            Assert.That(user.Phone, Is.Null);
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.Ru));
            Assert.That(user.Company, Is.EqualTo("ООО «Пример»"));
            Assert.That(user.ClientAndRoles, Is.Empty);
        });
    }

    [Test]
    public async Task GetUser_without_client_and_roles_leaves_it_null_and_reads_the_rest()
    {
        Respond("GET", "/iam/users/104", "user-zh-without-client-and-roles.json");

        var user = await Client.Users.GetUserAsync(104);

        Assert.Multiple(() =>
        {
            Assert.That(user.ClientAndRoles, Is.Null);
            Assert.That(user.Name, Is.EqualTo("李伟"));
            Assert.That(user.Company, Is.EqualTo("示例有限公司"));
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.Zh));
            Assert.That(user.UserType, Is.EqualTo(UserType.Seller));
            Assert.That(user.Groups![0].Id, Is.EqualTo(3022));
            Assert.That(user.AdditionalProperties, Is.Empty);
        });
    }

    [Test]
    public async Task GetUser_keeps_unknown_members_as_they_came()
    {
        Respond("GET", "/iam/users/105", "user-az-unknown-members.json");

        var user = await Client.Users.GetUserAsync(105);

        Assert.Multiple(() =>
        {
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.Az));
            Assert.That(user.Name, Is.EqualTo("Aysel Məmmədova"));
            Assert.That(user.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "last_login", "notification_settings" }));
            // A date-like string stays the exact string the server sent.
            Assert.That(JToken.FromObject(user.AdditionalProperties["last_login"]).ToString(), Is.EqualTo("2026-11-02T08:15:30.123456Z"));
            Assert.That(JToken.DeepEquals(
                JToken.FromObject(user.AdditionalProperties["notification_settings"]),
                JObject.Parse("""{"email": true, "digest": "weekly"}""")), Is.True);
            Assert.That(user.Groups![0].AdditionalProperties["is_custom"], Is.EqualTo(false));
        });
    }

    [Test]
    public async Task GetUser_with_unknown_enum_values_keeps_them_visible()
    {
        Respond("GET", "/iam/users/106", "user-unknown-enums.json");

        var user = await Client.Users.GetUserAsync(106);

        Assert.Multiple(() =>
        {
            Assert.That(user.Lang.IsKnown, Is.False);
            Assert.That(user.Lang.Value, Is.EqualTo("fr"));
            Assert.That(user.Lang.ToString(), Is.EqualTo("fr"));
            Assert.That(user.UserType.IsKnown, Is.False);
            Assert.That(user.UserType.Value, Is.EqualTo("partner"));
            Assert.That(user.AuthTypes!.Select(a => (a.Value, a.IsKnown)), Is.EqualTo(new[] { ("password", true), ("passkey", false) }));
            Assert.That(user.AuthTypes![0], Is.EqualTo(AuthType.Password));
            Assert.That(user.Email, Is.EqualTo("pierre.durand@example.fr"));
        });
    }

    [Test]
    public async Task Unknown_enum_values_read_from_a_user_are_sent_back_unchanged_in_an_update()
    {
        Respond("GET", "/iam/users/106", "user-unknown-enums.json");
        Respond("PATCH", "/iam/users/106", "user-unknown-enums.json");

        var user = await Client.Users.GetUserAsync(106);
        await Client.Users.UpdateUserAsync(106, new UserUpdate { AuthTypes = user.AuthTypes, Lang = user.Lang });

        var patch = ReceivedRequests().Single(r => r.Method == "PATCH");
        AssertJsonBody(patch, JObject.Parse("""{"auth_types": ["password", "passkey"], "lang": "fr"}"""));
    }

    [Test]
    public async Task ListUsers_sends_limit_and_offset_and_reads_the_envelope()
    {
        Respond("GET", "/iam/users", "users-page-1of3.json");

        var page = await Client.Users.ListUsersAsync(limit: 2, offset: 0);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/users"));
            Assert.That(QueryOf(request), Is.EqualTo("limit=2&offset=0"));
            AssertAuthorization(request);

            Assert.That(page.IsUnpaged, Is.False);
            Assert.That(page.Count, Is.EqualTo(5));
            Assert.That(page.Next, Is.EqualTo("https://api.gcore.com/iam/users?limit=2&offset=2"));
            Assert.That(page.Previous, Is.Null);
            Assert.That(page.Results.Select(u => u.Id), Is.EqualTo(new[] { 201, 202 }));
            Assert.That(page.Results[0].Email, Is.EqualTo("user201@example.com"));
            Assert.That(page.Results[0].Name, Is.EqualTo("Mila Novak"));
            Assert.That(page.Results[0].Phone, Is.Null);
            Assert.That(page.Results[1].Lang, Is.EqualTo(UserLanguage.De));
        });
    }

    [Test]
    public async Task ListUsers_always_sends_limit_even_without_an_offset()
    {
        Respond("GET", "/iam/users", "users-page-1of3.json");

        await Client.Users.ListUsersAsync(limit: 50);

        Assert.That(QueryOf(SingleRequest()), Is.EqualTo("limit=50"));
    }

    [Test]
    public async Task ListUsers_reads_a_bare_array_as_one_unpaged_page()
    {
        Respond("GET", "/iam/users", "users-bare-array.json");

        var page = await Client.Users.ListUsersAsync(limit: 2, offset: 0);

        Assert.Multiple(() =>
        {
            Assert.That(page.IsUnpaged, Is.True);
            Assert.That(page.Count, Is.EqualTo(3));
            Assert.That(page.Next, Is.Null);
            Assert.That(page.Results.Select(u => u.Id), Is.EqualTo(new[] { 201, 202, 203 }));
            Assert.That(page.Results[2].Name, Is.EqualTo("Ольга Смирнова"));
            Assert.That(page.Results[2].Lang, Is.EqualTo(UserLanguage.Ru));
        });
    }

    [Test]
    public async Task ListAllUsers_walks_every_page_until_count_is_reached()
    {
        RespondPage(offset: 0, "users-page-1of3.json");
        RespondPage(offset: 2, "users-page-2of3.json");
        RespondPage(offset: 4, "users-page-3of3.json");

        var users = await Client.Users.ListAllUsersAsync(pageSize: 2).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(users.Select(u => u.Id), Is.EqualTo(new[] { 201, 202, 203, 204, 205 }));
            Assert.That(users[3].Name, Is.EqualTo("王芳"));
            Assert.That(ReceivedRequests().Select(QueryOf), Is.EqualTo(new[] { "limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=4" }));
            Assert.That(ReceivedRequests().Select(r => r.AbsolutePath), Is.All.EqualTo("/iam/users"));
        });
        foreach (var request in ReceivedRequests())
        {
            AssertAuthorization(request);
        }
    }

    [Test]
    public async Task ListAllUsers_advances_by_the_page_length_and_stops_at_an_empty_page()
    {
        // count says 10, but the second page is short (1 user) and the third is empty.
        RespondPage(offset: 0, "users-page-1of3.json", count: 10);
        RespondPage(offset: 2, "users-page-short.json");
        RespondPage(offset: 3, "users-page-empty.json");

        var users = await Client.Users.ListAllUsersAsync(pageSize: 2).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(users.Select(u => u.Id), Is.EqualTo(new[] { 201, 202, 203 }));
            Assert.That(ReceivedRequests().Select(QueryOf), Is.EqualTo(new[] { "limit=2&offset=0", "limit=2&offset=2", "limit=2&offset=3" }));
        });
    }

    [Test]
    public async Task ListAllUsers_stops_after_a_bare_array_and_sends_the_default_page_size()
    {
        Respond("GET", "/iam/users", "users-bare-array.json");

        var users = await Client.Users.ListAllUsersAsync().ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(users.Select(u => u.Id), Is.EqualTo(new[] { 201, 202, 203 }));
            Assert.That(ReceivedRequests().Select(QueryOf), Is.EqualTo(new[] { $"limit={UsersClient.DefaultPageSize}&offset=0" }));
        });
    }

    [Test]
    public async Task ListAllUsers_yields_the_pages_it_read_and_then_throws_the_error_of_a_failed_page()
    {
        RespondPage(offset: 0, "users-page-1of3.json");
        Server.Given(Request.Create().WithPath("/iam/users").UsingGet().WithParam("offset", "2"))
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json")
                .WithBody(Fixture("error-message-only.json")));
        var seen = new List<int>();
        using var client = CreateClient(o => o.MaxRetries = 0); // retries are the fault matrix's subject

        var e = Assert.ThrowsAsync<GcoreIamServerException>(async () =>
        {
            await foreach (var user in client.Users.ListAllUsersAsync(pageSize: 2))
            {
                seen.Add(user.Id);
            }
        })!;

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { 201, 202 }));
            Assert.That(e.StatusCode, Is.EqualTo(500));
            Assert.That(ReceivedRequests().Select(QueryOf), Is.EqualTo(new[] { "limit=2&offset=0", "limit=2&offset=2" }));
        });
    }

    [Test]
    public void ListAllUsers_rejects_a_page_size_the_API_does_not_accept_before_sending()
    {
        Assert.Multiple(() =>
        {
            Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Client.Users.ListAllUsersAsync(pageSize: 0).ToListAsync());
            Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Client.Users.ListAllUsersAsync(pageSize: UsersClient.MaxPageSize + 1).ToListAsync());
            Assert.That(Server.LogEntries, Is.Empty);
        });
    }

    [Test]
    public async Task UpdateUser_sends_PATCH_with_every_set_field_and_maps_the_answer()
    {
        Respond("PATCH", "/iam/users/101", "user-en.json");
        var update = new UserUpdate
        {
            Email = "anna.schmidt@example.org",
            Lang = UserLanguage.En,
            Name = "Anna Schmidt-Berg",
            Phone = null,
            AuthTypes = [AuthType.Password, AuthType.Sso],
        };

        var user = await Client.Users.UpdateUserAsync(101, update);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("PATCH"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/users/101"));
            Assert.That(QueryOf(request), Is.Empty);
            AssertAuthorization(request);
            AssertJsonBody(request, FixtureJson("request-user-update.json"));
            Assert.That(user.Id, Is.EqualTo(102));
            Assert.That(user.Email, Is.EqualTo("john.carter@example.com"));
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.En));
        });
    }

    [Test]
    public async Task UpdateUser_sends_only_the_fields_that_were_set()
    {
        Respond("PATCH", "/iam/users/101", "user.json");

        await Client.Users.UpdateUserAsync(101, new UserUpdate { Lang = UserLanguage.En });

        AssertJsonBody(SingleRequest(), JObject.Parse("""{"lang": "en"}"""));
    }

    [Test]
    public async Task UpdateUser_clears_name_and_phone_with_an_explicit_null()
    {
        Respond("PATCH", "/iam/users/101", "user-ru-null-name-phone.json");

        var user = await Client.Users.UpdateUserAsync(101, new UserUpdate { Name = null, Phone = null });

        Assert.Multiple(() =>
        {
            AssertJsonBody(SingleRequest(), JObject.Parse("""{"name": null, "phone": null}"""));
            Assert.That(user.Name, Is.Null);
            Assert.That(user.Phone, Is.Null);
        });
    }

    [Test]
    public async Task UpdateUser_with_nothing_set_sends_an_empty_object_and_a_reset_field_is_left_out()
    {
        Respond("PATCH", "/iam/users/101", "user.json");
        var update = new UserUpdate { Name = "Temporary" };
        update.ResetName();

        await Client.Users.UpdateUserAsync(101, update);

        Assert.Multiple(() =>
        {
            Assert.That(update.NameIsSet, Is.False);
            AssertJsonBody(SingleRequest(), new JObject());
        });
    }

    [Test]
    public async Task UpdateUser_sends_names_in_any_script_as_UTF_8_JSON()
    {
        Respond("PATCH", "/iam/users/103", "user-ru-null-name-phone.json");

        await Client.Users.UpdateUserAsync(103, new UserUpdate { Name = "Ольга Смирнова · 王芳 · Rəşad", Lang = UserLanguage.Ru });

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(System.Text.Encoding.UTF8.GetString(request.BodyAsBytes!), Is.EqualTo(request.Body));
            AssertJsonBody(request, JObject.Parse("""{"name": "Ольга Смирнова · 王芳 · Rəşad", "lang": "ru"}"""));
        });
    }

    [Test]
    public async Task GetUser_reads_a_null_optional_member_as_absent()
    {
        var json = FixtureJson("user.json");
        foreach (var member in new[] { "company", "reseller", "client", "two_fa", "groups", "auth_types", "lang", "user_type", "client_and_roles" })
        {
            json[member] = null;
        }

        RespondRaw("GET", "/iam/users/101", 200, json.ToString());

        var user = await Client.Users.GetUserAsync(101);

        Assert.Multiple(() =>
        {
            // Members the description marks required read as absent: the C# default of their type.
            Assert.That(user.Company, Is.Empty);
            Assert.That(user.Reseller, Is.Zero);
            Assert.That(user.Client, Is.Zero);
            Assert.That(user.TwoFa, Is.False);
            Assert.That(user.Groups, Is.Empty);
            Assert.That(user.AuthTypes, Is.Empty);
            Assert.That(user.Lang.Value, Is.Empty);
            Assert.That(user.UserType.Value, Is.Empty);
            Assert.That(user.ClientAndRoles, Is.Null);
            Assert.That(user.Email, Is.EqualTo("anna.schmidt@example.com"));
        });
    }

    [TestCase(200)]
    [TestCase(204)]
    public async Task RevokeAccess_sends_DELETE_and_accepts_an_empty_answer(int status)
    {
        RespondRaw("DELETE", "/iam/clients/200001/client-users/103", status, body: null);

        await Client.Users.RevokeAccessAsync(clientId: 200001, userId: 103);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("DELETE"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/clients/200001/client-users/103"));
            Assert.That(QueryOf(request), Is.Empty);
            Assert.That(request.Body, Is.Null.Or.Empty);
            Assert.That(request.Headers!["Accept"], Is.EqualTo(new[] { "*/*" }));
            AssertAuthorization(request);
        });
    }

    [Test]
    public async Task InviteUser_sends_POST_with_the_invitation_and_reads_the_new_user_id()
    {
        Respond("POST", "/iam/clients/invite_user", "user-invite-result.json");
        var invite = new UserInvite
        {
            ClientId = 200001,
            Email = "new.engineer@example.com",
            UserRole = new UserGroup { Id = 5, Name = "Engineers" },
            Lang = UserLanguage.De,
            Name = "Neue Ingenieurin",
        };

        var result = await Client.Users.InviteUserAsync(invite);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/clients/invite_user"));
            Assert.That(QueryOf(request), Is.Empty);
            AssertAuthorization(request);
            AssertJsonBody(request, FixtureJson("request-user-invite.json"));
            Assert.That(result.Status, Is.EqualTo("sent"));
            Assert.That(result.UserId, Is.EqualTo(108));
        });
    }

    [Test]
    public async Task InviteUser_leaves_optional_fields_out_when_not_set()
    {
        Respond("POST", "/iam/clients/invite_user", "user-invite-result.json");

        await Client.Users.InviteUserAsync(new UserInvite
        {
            ClientId = 200001,
            Email = "new.user@example.com",
            UserRole = new UserGroup { Id = 2 },
        });

        AssertJsonBody(SingleRequest(), JObject.Parse("""{"client_id": 200001, "email": "new.user@example.com", "user_role": {"id": 2}}"""));
    }

    private void RespondPage(int offset, string fixture, int? count = null)
    {
        var body = FixtureJson(fixture);
        if (count is { } c)
        {
            body["count"] = c;
        }

        Server.Given(Request.Create().WithPath("/iam/users").UsingGet().WithParam("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "application/json").WithBody(body.ToString()));
    }
}
