using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing.Tests;

/// <summary>The fake's state for the operations beyond users and tokens: roles, e-mail, password, accounts, the login log.</summary>
[TestFixture]
public class AccessStateTests : FakeServerTestBase
{
    [Test]
    public async Task A_role_change_shows_in_the_users_groups_and_roles()
    {
        await Client.Users.SetRoleAsync(Fake.AccountId, 3, new AccountRole { UserRole = new UserGroup { Id = 1 } });

        var role = await Client.Users.GetRoleAsync(Fake.AccountId, 3);
        var user = await Client.Users.GetUserAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That(role.UserRole!.Id, Is.EqualTo(1));
            Assert.That(user.Groups!.Select(g => (g.Id, g.Name?.ToString())), Is.EqualTo(new[] { (1, "Administrators") }));
            Assert.That(user.ClientAndRoles!.Single(c => c.ClientId == Fake.AccountId).UserRoles, Is.EqualTo(new[] { "1" }));
            Assert.That(Fake.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 204, 200, 200 }));
        });
    }

    [Test]
    public async Task Roles_of_unknown_groups_users_or_other_accounts_are_refused()
    {
        var unknownGroup = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.SetRoleAsync(Fake.AccountId, 3, new AccountRole { UserRole = new UserGroup { Id = 4 } }))!;
        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.GetRoleAsync(Fake.AccountId, 4040));
        Assert.ThrowsAsync<GcoreIamPermissionDeniedException>(() => Client.Users.GetRoleAsync(4242, 3));

        Assert.Multiple(async () =>
        {
            Assert.That(unknownGroup.FieldErrors.Keys, Is.EqualTo(new[] { "user_role" }));
            Assert.That((await Client.Users.GetUserAsync(3)).Groups!.Single().Id, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task An_email_change_needs_the_users_password_and_shows_in_the_user()
    {
        var wrong = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.ChangeEmailAsync(3, new EmailChange { NewEmail = "ivan@example.org", Password = "not-it-0000" }))!;
        var taken = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.ChangeEmailAsync(3, new EmailChange { NewEmail = "john.doe@example.com", Password = GcoreIamFakeSeed.DefaultPassword }))!;

        var result = await Client.Users.ChangeEmailAsync(3, new EmailChange { NewEmail = "ivan@example.org", Password = GcoreIamFakeSeed.DefaultPassword });

        Assert.Multiple(async () =>
        {
            Assert.That(wrong.FieldErrors.Keys, Is.EqualTo(new[] { "password" }));
            Assert.That(taken.FieldErrors.Keys, Is.EqualTo(new[] { "new_email" }));
            Assert.That(result.NewEmail, Is.EqualTo("ivan@example.org"));
            Assert.That((await Client.Users.GetUserAsync(3)).Email, Is.EqualTo("ivan@example.org"));
        });
    }

    [Test]
    public async Task An_email_change_is_refused_in_Gcores_list_of_error_objects()
    {
        var (status, body, _) = await SendRawAsync(HttpMethod.Put, "iam/users/3/email", """{"new_email": "john.doe@example.com", "password": "not-it-0000"}""");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body, Is.InstanceOf<JArray>());
            Assert.That(body![0]!["errors"]!["password"]!.Type, Is.EqualTo(JTokenType.String));
        });
    }

    [Test]
    public async Task A_password_change_answers_new_tokens_and_the_new_password_logs_in()
    {
        var mismatch = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.ChangePasswordAsync(3,
            new PasswordChange { Old = GcoreIamFakeSeed.DefaultPassword, New = "brand-new-Passw0rd", Double = "other-Passw0rd" }))!;

        var tokens = await Client.Users.ChangePasswordAsync(3, new PasswordChange { Old = GcoreIamFakeSeed.DefaultPassword, New = "brand-new-Passw0rd", Double = "brand-new-Passw0rd" });

        var old = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Auth.LogInAsync(new JwtLogin { Username = "ivan.petrov@example.com", Password = GcoreIamFakeSeed.DefaultPassword }))!;
        var fresh = await Client.Auth.LogInAsync(new JwtLogin { Username = "ivan.petrov@example.com", Password = "brand-new-Passw0rd" });
        Assert.Multiple(() =>
        {
            Assert.That(mismatch.FieldErrors.Keys, Is.EqualTo(new[] { "new" }));
            Assert.That(tokens.Access, Is.Not.Empty);
            Assert.That(old.Message, Does.Contain("No active account"));
            Assert.That(fresh.Access, Is.Not.EqualTo(tokens.Access));
        });
    }

    [Test]
    public async Task Logins_through_the_fake_appear_in_the_activity_log_after_the_seeds_history()
    {
        var before = await Client.Activity.ListAllLoginsAsync().ToListAsync();

        await Client.Auth.LogInAsync(new JwtLogin { Username = "john.doe@example.com", Password = GcoreIamFakeSeed.DefaultPassword });
        var page = await Client.Activity.ListLoginsAsync(limit: 1, offset: before.Count);

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.Not.Empty);
            Assert.That(page.Count, Is.EqualTo(before.Count + 1));
            Assert.That(page.Result!.Single().User, Is.EqualTo(2));
            Assert.That(page.Result!.Single().IsSuccessful, Is.True);
        });
    }

    [Test]
    public async Task An_account_is_created_once_per_company_name()
    {
        var created = await Client.Account.CreateAccountAsync(new AccountCreate { Company = "Example Labs GmbH" });
        var again = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Account.CreateAccountAsync(new AccountCreate { Company = "example labs gmbh" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(created.Id, Is.GreaterThan(Fake.AccountId));
            Assert.That(created.Company, Is.EqualTo("Example Labs GmbH"));
            Assert.That(again.FieldErrors.Keys, Is.EqualTo(new[] { "company" }));
            Assert.That(Fake.Requests[0].StatusCode, Is.EqualTo(201));
        });
    }

    [Test]
    public async Task The_password_reset_mail_is_sent_for_a_valid_address_and_refused_for_none()
    {
        await Client.Auth.ForgotPasswordAsync(new PasswordReset { Email = "john.doe@example.com" });
        var (status, body, _) = await SendRawAsync(HttpMethod.Post, "iam/auth/password/forgot", "{}");

        Assert.Multiple(() =>
        {
            Assert.That(Fake.Requests[0].StatusCode, Is.EqualTo(200));
            Assert.That(status, Is.EqualTo(400));
            Assert.That(body!["errors"]!["email"], Is.Not.Null);
        });
    }

    [Test]
    public async Task The_password_reset_mail_is_asked_for_without_credentials()
    {
        // The spec gives Auth_ForgotPassword "security: []" (the fix forgot-password-anonymous): the fake
        // answers it without credentials, and the client sends none (neither its API key nor a JWT).
        var (status, _, _) = await SendRawAsync(HttpMethod.Post, "iam/auth/password/forgot", """{"email": "john.doe@example.com"}""", authorization: null);
        await Client.Auth.ForgotPasswordAsync(new PasswordReset { Email = "john.doe@example.com" });
        using var login = Fake.CreateClient(o => (o.ApiKey, o.Username, o.Password) = (null, "john.doe@example.com", GcoreIamFakeSeed.DefaultPassword));
        await login.Account.GetAccountOverviewAsync();
        await login.Auth.ForgotPasswordAsync(new PasswordReset { Email = "john.doe@example.com" });

        var forgot = Fake.Requests.Where(r => r.Operation == FakeOperation.ForgotPassword).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200));
            Assert.That(forgot, Has.Count.EqualTo(3));
            Assert.That(forgot.Select(r => r.AuthScheme), Is.All.Null, "no Authorization header");
            Assert.That(Fake.Requests.Where(r => r.Operation == FakeOperation.GetAccountOverview).Select(r => r.AuthScheme), Is.EqualTo(new[] { "Bearer" }));
        });
    }
}
