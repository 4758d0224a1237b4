namespace Gcore.Iam.Tests;

/// <summary>A user's role in an account, e-mail address and password, on the wire.</summary>
[TestFixture]
public class UserAccessContractTests : GcoreIamTestBase
{
    [Test]
    public async Task GetRole_gets_the_client_user_and_reads_the_group()
    {
        Respond("GET", "/iam/clients/200001/client-users/101", "user-role.json");

        var role = await Client.Users.GetRoleAsync(200001, 101);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/clients/200001/client-users/101"));
            AssertAuthorization(request);
            Assert.That((role.UserRole!.Id, role.UserRole.Name?.ToString()), Is.EqualTo((1, "Administrators")));
        });
    }

    [Test]
    public async Task SetRole_puts_the_group_and_takes_the_204()
    {
        RespondRaw("PUT", "/iam/clients/200001/client-users/101", 204, body: null);

        await Client.Users.SetRoleAsync(200001, 101, FixtureAs<AccountRole>("request-account-role.json"));

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("PUT"));
            AssertJsonBody(request, FixtureJson("request-account-role.json"));
            AssertAuthorization(request);
        });
    }

    [Test]
    public void SetRole_refused_with_Gcores_validation_form_names_the_field()
    {
        RespondRaw("PUT", "/iam/clients/200001/client-users/101", 400, """{"errors": {"user_role": ["Invalid role: OrderedDict([('id', 100)])"]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.SetRoleAsync(200001, 101, new AccountRole { UserRole = new UserGroup { Id = 100 } }))!;

        Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "user_role" }));
    }

    [Test]
    public void GetRole_of_a_user_outside_the_account_is_not_found()
    {
        RespondRaw("GET", "/iam/clients/200001/client-users/999", 404, """{"message": "User is not found in the specified account."}""");

        var e = Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.GetRoleAsync(200001, 999))!;

        Assert.That(e.GcoreMessage, Is.EqualTo("User is not found in the specified account."));
    }

    [Test]
    public async Task ChangeEmail_puts_the_new_address_with_the_password_and_reads_it_back()
    {
        Respond("PUT", "/iam/users/101/email", "email-change-result.json");

        var result = await Client.Users.ChangeEmailAsync(101, FixtureAs<EmailChange>("request-email-change.json"));

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("PUT"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/users/101/email"));
            AssertJsonBody(request, FixtureJson("request-email-change.json"));
            Assert.That(result.NewEmail, Is.EqualTo("anna.schmidt@example.org"));
        });
    }

    [Test]
    public void ChangeEmail_refused_names_the_field_without_the_password()
    {
        // A server that echoes the password it was sent (a proxy's or a debug page's habit).
        RespondRaw("PUT", "/iam/users/101/email", 400, """{"message": "Refused (password not-a-real-password-1)", "errors": {"new_email": ["User with email already exists."]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.ChangeEmailAsync(101, FixtureAs<EmailChange>("request-email-change.json")))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "new_email" }));
            Assert.That(e.ToString(), Does.Not.Contain("not-a-real-password-1"));
        });
    }

    [Test]
    public void ChangeEmail_refused_in_Gcores_list_of_error_objects_names_each_field()
    {
        // Gcore's description gives change e-mail's 400 as an array of objects, each {"errors": {field: sentence}}.
        RespondRaw("PUT", "/iam/users/101/email", 400, """[{"errors": {"new_email": "Same email address."}}, {"errors": {"password": "Wrong password."}}]""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.ChangeEmailAsync(101, FixtureAs<EmailChange>("request-email-change.json")))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "new_email", "password" }));
            Assert.That(e.FieldErrors["new_email"], Is.EqualTo(new[] { "Same email address." }));
            Assert.That(e.FieldErrors["password"], Is.EqualTo(new[] { "Wrong password." }));
            Assert.That(e.Message, Does.Contain("new_email"));
            Assert.That(e.ToString(), Does.Not.Contain("not-a-real-password-1"));
        });
    }

    [Test]
    public async Task ChangePassword_puts_old_new_and_double_and_reads_the_new_token_pair()
    {
        Respond("PUT", "/iam/users/101/password", "jwt-tokens.json");

        var tokens = await Client.Users.ChangePasswordAsync(101, FixtureAs<PasswordChange>("request-password-change.json"));

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("PUT"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/users/101/password"));
            AssertJsonBody(request, FixtureJson("request-password-change.json"));
            Assert.That(tokens.Access, Is.EqualTo("test-access-token-2"));
        });
    }

    [Test]
    public void ChangePassword_refused_with_Gcores_validation_form_names_each_field()
    {
        RespondRaw("PUT", "/iam/users/101/password", 400, """{"errors": {"old": ["Old password is incorrect"], "new": ["New and double values don't match"]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.ChangePasswordAsync(101, FixtureAs<PasswordChange>("request-password-change.json")))!;

        Assert.That(e.FieldErrors.Keys, Is.EquivalentTo(new[] { "old", "new" }));
    }
}
