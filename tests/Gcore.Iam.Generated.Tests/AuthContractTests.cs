using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Tests;

/// <summary>Gcore's JWT operations and the password reset mail, on the wire.</summary>
[TestFixture]
public class AuthContractTests : GcoreIamTestBase
{
    [Test]
    public async Task LogIn_posts_the_credentials_without_an_Authorization_header_it_needs_none()
    {
        Respond("POST", "/iam/auth/jwt/login", "jwt-tokens.json");

        var tokens = await Client.Auth.LogInAsync(FixtureAs<JwtLogin>("request-jwt-login.json"));

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/auth/jwt/login"));
            AssertJsonBody(request, FixtureJson("request-jwt-login.json"));
            Assert.That((tokens.Access, tokens.Refresh), Is.EqualTo(("test-access-token-2", "test-refresh-token-2")));
        });
    }

    [Test]
    public async Task LogIn_without_a_one_time_password_leaves_the_member_out()
    {
        Respond("POST", "/iam/auth/jwt/login", "jwt-tokens.json");

        await Client.Auth.LogInAsync(new JwtLogin { Username = "ops@example.com", Password = "not-a-real-password-1" });

        AssertJsonBody(SingleRequest(), JObject.Parse("""{"username": "ops@example.com", "password": "not-a-real-password-1"}"""));
    }

    [Test]
    public void LogIn_refused_with_Gcores_validation_form_names_the_field()
    {
        RespondRaw("POST", "/iam/auth/jwt/login", 400, """{"errors": {"password": ["This field is required."]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Auth.LogInAsync(new JwtLogin { Username = "ops@example.com", Password = "x" }))!;

        Assert.That(e.FieldErrors["password"], Is.EqualTo(new[] { "This field is required." }));
    }

    [Test]
    public async Task RefreshToken_posts_the_refresh_token_and_reads_the_new_pair()
    {
        Respond("POST", "/iam/auth/jwt/refresh", "jwt-tokens.json");

        var tokens = await Client.Auth.RefreshTokenAsync(new JwtRefresh { Refresh = "test-refresh-token-1" });

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/auth/jwt/refresh"));
            AssertJsonBody(request, FixtureJson("request-jwt-refresh.json"));
            Assert.That(tokens.Access, Is.EqualTo("test-access-token-2"));
        });
    }

    [Test]
    public void RefreshToken_refused_with_401_is_an_authentication_error()
    {
        RespondRaw("POST", "/iam/auth/jwt/refresh", 401, """{"message": "Token is invalid or expired"}""");

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => Client.Auth.RefreshTokenAsync(new JwtRefresh { Refresh = "test-refresh-token-1" }))!;

        Assert.That(e.GcoreMessage, Is.EqualTo("Token is invalid or expired"));
    }

    [Test]
    public async Task SelectAccount_gets_the_accounts_login_path_and_reads_the_new_pair()
    {
        Respond("GET", "/iam/auth/jwt/clients/200777/login", "jwt-tokens.json");

        var tokens = await Client.Auth.SelectAccountAsync(200777);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/auth/jwt/clients/200777/login"));
            AssertAuthorization(request);
            Assert.That(tokens.Refresh, Is.EqualTo("test-refresh-token-2"));
        });
    }

    [Test]
    public void SelectAccount_of_an_account_the_user_is_not_in_is_not_found()
    {
        RespondRaw("GET", "/iam/auth/jwt/clients/4242/login", 404, """{"message": "Account not found."}""");

        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Auth.SelectAccountAsync(4242));
    }

    [Test]
    public async Task ForgotPassword_posts_the_address()
    {
        RespondRaw("POST", "/iam/auth/password/forgot", 200, """{"status": "sent"}""");

        await Client.Auth.ForgotPasswordAsync(FixtureAs<PasswordReset>("request-password-reset.json"));

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/auth/password/forgot"));
            AssertJsonBody(request, FixtureJson("request-password-reset.json"));
        });
    }

    [Test]
    public void ForgotPassword_with_Gcores_validation_form_names_the_field()
    {
        RespondRaw("POST", "/iam/auth/password/forgot", 400, """{"errors": {"email": ["This field is required."]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Auth.ForgotPasswordAsync(new PasswordReset { Email = "x@example.com" }))!;

        Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "email" }));
    }

    [Test]
    public async Task A_login_whose_access_token_is_not_a_JWT_is_used_with_an_unknown_expiry()
    {
        RespondRaw("POST", "/iam/auth/jwt/login", 200, """{"access": "opaque-access-1", "refresh": "opaque-refresh-1"}""");
        Respond("GET", "/iam/users/7", "user.json");
        using var client = CreateClient(o => (o.ApiKey, o.Username, o.Password) = (null, "ops@example.com", "not-a-real-password-1"));

        await client.Users.GetUserAsync(7);
        await client.Users.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(client.LoginExpires, Is.Null, "unknown, not DateTimeOffset.MaxValue");
            Assert.That(Server.LogEntries.Select(e => e.RequestMessage!.Path), Is.EqualTo(new[] { "/iam/auth/jwt/login", "/iam/users/7", "/iam/users/7" }));
            Assert.That(Server.LogEntries[^1].RequestMessage!.Headers!["Authorization"].Single(), Is.EqualTo("Bearer opaque-access-1"));
        });
    }

    [TestCase("""{"access": "", "refresh": "r"}""", "'access'")]
    [TestCase("""{"access": "a b", "refresh": "r"}""", "'access'")]
    [TestCase("""{"access": "a", "refresh": "zoë"}""", "'refresh'")]
    public void A_login_answer_whose_token_cannot_be_sent_in_a_header_is_an_invalid_answer_that_names_it(string answer, string member)
    {
        RespondRaw("POST", "/iam/auth/jwt/login", 200, answer);
        using var client = CreateClient(o => (o.ApiKey, o.Username, o.Password, o.MaxRetries) = (null, "ops@example.com", "not-a-real-password-1", 0));

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => client.Users.GetUserAsync(7))!;

        Assert.That(e.Message, Does.Contain(member + " of the answer of Auth.LogIn (POST /iam/auth/jwt/login)"));
        Assert.That(Server.LogEntries, Has.Count.EqualTo(1), "nothing is sent with the token");
    }
}
