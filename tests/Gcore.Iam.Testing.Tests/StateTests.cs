using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing.Tests;

[TestFixture]
public class StateTests : FakeServerTestBase
{
    [Test]
    public async Task Default_seed_covers_every_language_group_auth_type_and_user_type()
    {
        var users = await Client.Users.ListAllUsersAsync().ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(users, Has.Count.EqualTo(12));
            Assert.That(users.Select(u => u.Lang.Value).Distinct(), Is.EquivalentTo(new[] { "de", "en", "ru", "zh", "az" }));
            Assert.That(users.SelectMany(u => u.Groups!).Select(g => g.Id).Distinct(), Is.EquivalentTo(new[] { 1, 2, 5, 3009, 3022 }));
            Assert.That(users.SelectMany(u => u.AuthTypes!).Distinct(), Is.EquivalentTo(AuthType.KnownValues));
            Assert.That(users.Select(u => u.UserType).Distinct(), Is.EquivalentTo(UserType.KnownValues));
            Assert.That(users.All(u => u.Client == Fake.AccountId), Is.True);
        });
    }

    [Test]
    public async Task Invite_adds_a_user_that_get_and_list_then_show()
    {
        var result = await Client.Users.InviteUserAsync(new UserInvite
        {
            ClientId = Fake.AccountId,
            Email = "new.person@example.com",
            UserRole = new UserGroup { Id = 5 },
            Lang = UserLanguage.Ru,
            Name = "New Person",
        });

        var user = await Client.Users.GetUserAsync(result.UserId);
        var page = await Client.Users.ListUsersAsync(limit: 100);
        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo("sent"));
            Assert.That(result.UserId, Is.EqualTo(13));
            Assert.That(user.Email, Is.EqualTo("new.person@example.com"));
            Assert.That(user.Name, Is.EqualTo("New Person"));
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.Ru));
            Assert.That(user.Groups!.Single().Name, Is.EqualTo(UserGroupName.Engineers));
            Assert.That(user.Activated, Is.False);
            Assert.That(page.Count, Is.EqualTo(13));
            Assert.That(page.Results.Last().Id, Is.EqualTo(13));
            Assert.That(Fake.Users, Has.Count.EqualTo(13));
        });
    }

    [Test]
    public async Task Update_changes_only_the_fields_sent_and_null_clears_name_and_phone()
    {
        var before = await Client.Users.GetUserAsync(2);

        var after = await Client.Users.UpdateUserAsync(2, new UserUpdate { Name = null, Phone = null, Lang = UserLanguage.De });
        var reread = await Client.Users.GetUserAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(before.Name, Is.EqualTo("John Doe"));
            Assert.That(before.Phone, Is.Not.Null);
            Assert.That(after.Name, Is.Null);
            Assert.That(after.Phone, Is.Null);
            Assert.That(after.Lang, Is.EqualTo(UserLanguage.De));
            Assert.That(reread.Name, Is.Null);
            Assert.That(reread.Email, Is.EqualTo(before.Email));
            Assert.That(reread.AuthTypes, Is.EqualTo(before.AuthTypes));
            Assert.That(reread.TwoFa, Is.EqualTo(before.TwoFa));
        });
    }

    [Test]
    public async Task Update_with_an_empty_body_changes_nothing()
    {
        var before = await Client.Users.GetUserAsync(3);

        var after = await Client.Users.UpdateUserAsync(3, new UserUpdate());

        Assert.That(JToken.DeepEquals(JObject.FromObject(after), JObject.FromObject(before)), Is.True);
    }

    [Test]
    public async Task Revoke_removes_the_user_from_the_account()
    {
        await Client.Users.RevokeAccessAsync(Fake.AccountId, 4);

        var ex = Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.GetUserAsync(4));
        var page = await Client.Users.ListUsersAsync(limit: 50);
        var overview = await Client.Account.GetAccountOverviewAsync();
        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(404));
            Assert.That(page.Count, Is.EqualTo(11));
            Assert.That(page.Results.Select(u => u.Id), Does.Not.Contain(4));
            Assert.That(overview.Users!.Select(u => u.Id), Does.Not.Contain(4));
        });
    }

    [Test]
    public void Revoke_of_another_account_is_forbidden_and_of_an_unknown_user_not_found()
    {
        var forbidden = Assert.ThrowsAsync<GcoreIamPermissionDeniedException>(() => Client.Users.RevokeAccessAsync(999, 4));
        var missing = Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.RevokeAccessAsync(Fake.AccountId, 4040));
        Assert.Multiple(() =>
        {
            Assert.That(forbidden!.StatusCode, Is.EqualTo(403));
            Assert.That(missing!.GcoreMessage, Is.EqualTo("User not found."));
            Assert.That(Fake.Users, Has.Count.EqualTo(12));
        });
    }

    [Test]
    public async Task Token_create_returns_the_secret_once_and_lists_the_token_without_it()
    {
        var created = await Client.ApiTokens.CreateApiTokenAsync(Fake.AccountId, new ApiTokenCreate
        {
            Name = "ci",
            Description = "pipeline",
            ClientUser = new ApiTokenRole { Role = new UserGroup { Id = 5 } },
            ExpDate = "2099-01-01T00:00:00Z",
        });

        var fetched = await Client.ApiTokens.GetApiTokenAsync(Fake.AccountId, created.Id);
        var listed = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId);
        var (_, raw, _) = await SendRawAsync(HttpMethod.Get, $"iam/v2/clients/{Fake.AccountId}/tokens/{created.Id}");
        Assert.Multiple(() =>
        {
            Assert.That(created.Token, Does.StartWith(created.Id + "_"));
            Assert.That(created.Token, Has.Length.GreaterThan(40));
            Assert.That(created.ClientUser!.Role!.Name, Is.EqualTo(UserGroupName.Engineers));
            Assert.That(created.ClientUser.UserId, Is.EqualTo(1));
            Assert.That(fetched.Name, Is.EqualTo("ci"));
            Assert.That(fetched.ExpDate, Is.EqualTo("2099-01-01T00:00:00Z"));
            Assert.That(created.ExpDate, Is.EqualTo("2099-01-01T00:00:00Z"));
            Assert.That(created.Created, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
            Assert.That(listed.Select(t => t.Id), Does.Contain(created.Id));
            Assert.That(raw!["token"], Is.Null, "the secret is shown only once");
            Assert.That(Fake.ApiTokens.Single(t => t.Id == created.Id).AdditionalProperties, Is.Empty);
        });
    }

    [Test]
    public async Task Token_delete_removes_it_from_the_list_but_deleted_true_still_shows_it()
    {
        var before = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId);

        await Client.ApiTokens.DeleteApiTokenAsync(Fake.AccountId, 1);

        var after = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId);
        var withDeleted = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId, deleted: true);
        Assert.Multiple(() =>
        {
            Assert.That(before.Select(t => t.Id), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(after.Select(t => t.Id), Is.EqualTo(new[] { 2 }));
            Assert.That(withDeleted.Select(t => t.Id), Is.EqualTo(new[] { 1, 2, 3 }));
            Assert.That(withDeleted.Single(t => t.Id == 1).Deleted, Is.True);
            Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.ApiTokens.GetApiTokenAsync(Fake.AccountId, 1));
            Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.ApiTokens.DeleteApiTokenAsync(Fake.AccountId, 1));
        });
    }

    [Test]
    public async Task Token_list_filters_by_role_and_issuer()
    {
        var purge = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId, role: "Purge and Prefetch only (API)");
        var byOwner = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId, issuedBy: 1);
        var notByOwner = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId, notIssuedBy: 1);
        Assert.Multiple(() =>
        {
            Assert.That(purge.Select(t => t.Id), Is.EqualTo(new[] { 2 }));
            Assert.That(byOwner.Select(t => t.Id), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(notByOwner, Is.Empty);
        });
    }

    [Test]
    public async Task Account_overview_reflects_the_current_users()
    {
        await Client.Users.InviteUserAsync(new UserInvite { ClientId = Fake.AccountId, Email = "x@example.com", UserRole = new UserGroup { Id = 2 } });

        var overview = await Client.Account.GetAccountOverviewAsync();

        Assert.Multiple(() =>
        {
            Assert.That(overview.Id, Is.EqualTo(GcoreIamFakeSeed.DefaultAccountId));
            Assert.That(overview.CompanyName, Is.EqualTo("Example GmbH"));
            Assert.That(overview.Status, Is.EqualTo(AccountStatus.Active));
            Assert.That(overview.CurrentUser, Is.EqualTo(1));
            Assert.That(overview.Users!.Select(u => u.Email), Does.Contain("x@example.com"));
            Assert.That(overview.ServiceStatuses!["CDN"].Status, Is.EqualTo(ServiceState.Active));
        });
    }

    [Test]
    public async Task Reset_puts_the_seed_back()
    {
        await Client.Users.RevokeAccessAsync(Fake.AccountId, 2);
        await Client.ApiTokens.DeleteApiTokenAsync(Fake.AccountId, 2);

        Fake.Reset();

        Assert.Multiple(() =>
        {
            Assert.That(Fake.Users, Has.Count.EqualTo(12));
            Assert.That(Fake.ApiTokens.Single(t => t.Id == 2).Deleted, Is.False);
            Assert.That(Fake.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task A_custom_seed_replaces_the_default_and_is_copied_at_start()
    {
        var seed = GcoreIamFakeSeed.CreateEmpty();
        seed.ApiKey = "7_custom-key-for-this-test";
        seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, 7, "only@example.com", "Only One", UserLanguage.Zh, groupId: 3009));
        await using var fake = GcoreIamFakeServer.Start(seed);
        seed.Users.Clear(); // later changes to the seed do not reach the running server
        using var client = fake.CreateClient();

        var users = await client.Users.ListAllUsersAsync().ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(fake.ApiKey, Is.EqualTo("7_custom-key-for-this-test"));
            Assert.That(users.Select(u => u.Email), Is.EqualTo(new[] { "owner@example.com", "only@example.com" }));
            Assert.That(users[1].Groups!.Single().Name, Is.EqualTo(UserGroupName.PurgeAndPrefetchOnlyApiWeb));
        });
    }

    [Test]
    public void An_inconsistent_seed_is_refused_with_a_clear_error()
    {
        var duplicate = GcoreIamFakeSeed.CreateDefault();
        duplicate.Users.Add(GcoreIamFakeSeed.NewUser(duplicate.Account, 3, "again@example.com", null));
        var noKey = GcoreIamFakeSeed.CreateDefault();
        noKey.ApiKey = " ";

        var dupError = Assert.Throws<ArgumentException>(() => GcoreIamFakeServer.Start(duplicate));
        var keyError = Assert.Throws<ArgumentException>(() => GcoreIamFakeServer.Start(noKey));
        Assert.Multiple(() =>
        {
            Assert.That(dupError!.Message, Does.Contain("two users with id 3"));
            Assert.That(keyError!.Message, Does.Contain("ApiKey"));
            Assert.Throws<ArgumentOutOfRangeException>(() => GcoreIamFakeSeed.NewUser(duplicate.Account, 99, "a@example.com", null, groupId: 4));
        });
    }

    [Test]
    public void A_seed_with_a_null_login_or_password_is_refused_with_a_clear_error()
    {
        var nullLogin = GcoreIamFakeSeed.CreateDefault();
        nullLogin.Logins.Add(null!);
        var nullPassword = GcoreIamFakeSeed.CreateDefault();
        nullPassword.Password = null!;

        var loginError = Assert.Throws<ArgumentException>(() => GcoreIamFakeServer.Start(nullLogin));
        var passwordError = Assert.Throws<ArgumentException>(() => GcoreIamFakeServer.Start(nullPassword));

        Assert.Multiple(() =>
        {
            Assert.That(loginError!.Message, Does.Contain("null login"));
            Assert.That(passwordError!.Message, Does.Contain("Password"));
        });
    }

    [Test]
    public void A_seed_missing_a_required_member_is_refused_with_a_typed_error()
    {
        var seed = GcoreIamFakeSeed.CreateDefault();
        seed.Users[0].Email = null!;

        var error = Assert.Throws<ArgumentException>(() => GcoreIamFakeServer.Start(seed));

        Assert.That(error!.Message, Does.Contain("email"));
    }

    [Test]
    public void Descriptions_never_show_the_key()
    {
        var seed = GcoreIamFakeSeed.CreateDefault();
        Assert.Multiple(() =>
        {
            Assert.That(Fake.ToString(), Does.Not.Contain(Fake.ApiKey));
            Assert.That(Fake.ToString(), Does.Contain(Fake.BaseUrl.ToString()));
            Assert.That(seed.ToString(), Does.Not.Contain(seed.ApiKey));
            Assert.That(Client.ToString(), Does.Not.Contain(Fake.ApiKey));
        });
    }
}
