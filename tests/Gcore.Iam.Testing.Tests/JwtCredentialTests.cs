using Gcore.Iam.Testing.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gcore.Iam.Testing.Tests;

/// <summary>
/// A username and password as the credential, against the fake's JWT endpoints: login on first use,
/// the account selection, refresh before expiry and after a 401, one refresh for many concurrent
/// callers, the expired session, and no secret anywhere it could be seen.
/// </summary>
[TestFixture]
public class JwtCredentialTests
{
    private const string Username = "john.doe@example.com";

    private GcoreIamFakeServer _fake = null!;
    private ManualClock _clock = null!;

    [SetUp]
    public void StartFake()
    {
        _clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        _fake = GcoreIamFakeServer.Start();
        _fake.TimeProvider = _clock;
    }

    [TearDown]
    public void StopFake() => _fake.Dispose();

    private GcoreIamClient LoggedInClient(Action<GcoreIamClientOptions>? configure = null) => _fake.CreateClient(o =>
    {
        o.ApiKey = null;
        o.Username = Username;
        o.Password = GcoreIamFakeSeed.DefaultPassword;
        o.TimeProvider = _clock;
        o.MaxRetries = 0;
        configure?.Invoke(o);
    });

    private int Count(FakeOperation operation) => _fake.Requests.Count(r => r.Operation == operation);

    [Test]
    public async Task The_client_logs_in_on_first_use_and_sends_the_access_token_as_Bearer()
    {
        using var gcore = LoggedInClient();

        var user = await gcore.Users.GetUserAsync(3);
        await gcore.Users.GetUserAsync(4);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(3));
            Assert.That(_fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.LogIn, FakeOperation.GetUser, FakeOperation.GetUser }));
            Assert.That(_fake.Requests.Select(r => r.AuthScheme), Is.EqualTo(new string?[] { null, "Bearer", "Bearer" }));
            Assert.That(_fake.Requests.All(r => r.StatusCode == 200), Is.True);
        });
    }

    [Test]
    public async Task A_configured_account_is_selected_right_after_the_login()
    {
        using var gcore = LoggedInClient(o => o.AccountId = 200777);

        await gcore.Users.GetUserAsync(2);

        Assert.That(_fake.Requests.Select(r => (r.Operation, r.Path)), Is.EqualTo(new[]
        {
            (FakeOperation.LogIn, "/iam/auth/jwt/login"),
            (FakeOperation.SelectAccount, "/iam/auth/jwt/clients/200777/login"),
            (FakeOperation.GetUser, "/iam/users/2"),
        }));
    }

    [Test]
    public async Task Two_hundred_concurrent_calls_across_an_access_token_expiry_cause_exactly_one_refresh()
    {
        using var gcore = LoggedInClient();
        await gcore.Users.GetUserAsync(1);
        _clock.Advance(_fake.AccessTokenLifetime);   // the access token has expired, for the client and the fake

        var users = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => gcore.Users.GetUserAsync(1 + (i % 12)))));

        Assert.Multiple(() =>
        {
            Assert.That(users, Has.Length.EqualTo(200));
            Assert.That(Count(FakeOperation.RefreshToken), Is.EqualTo(1));
            Assert.That(Count(FakeOperation.LogIn), Is.EqualTo(1));
            Assert.That(_fake.Requests.Where(r => r.Operation == FakeOperation.GetUser).Select(r => r.StatusCode).Distinct(), Is.EqualTo(new[] { 200 }));
        });
    }

    [Test]
    public async Task An_access_token_refused_with_401_is_refreshed_once_and_the_call_sent_again()
    {
        var clientClock = new ManualClock(_clock.GetUtcNow());
        using var gcore = LoggedInClient(o => o.TimeProvider = clientClock);
        await gcore.Users.GetUserAsync(1);
        _clock.Advance(_fake.AccessTokenLifetime);   // only the server's clock: the client still thinks its token is good
        _fake.ClearRequests();

        var user = await gcore.Users.GetUserAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(2));
            Assert.That(_fake.Requests.Select(r => (r.Operation, r.StatusCode)), Is.EqualTo(new[]
            {
                (FakeOperation.GetUser, 401), (FakeOperation.RefreshToken, 200), (FakeOperation.GetUser, 200),
            }));
        });
    }

    [Test]
    public async Task An_expired_refresh_token_is_an_authentication_error_that_says_to_log_in_again()
    {
        using var gcore = LoggedInClient();
        await gcore.Users.GetUserAsync(1);
        _clock.Advance(_fake.RefreshTokenLifetime + TimeSpan.FromMinutes(1));

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => gcore.Users.GetUserAsync(1))!;
        var again = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => gcore.Users.GetUserAsync(1))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("log in again").IgnoreCase);
            Assert.That(e.StatusCode, Is.EqualTo(401));
            Assert.That(again.Message, Is.EqualTo(e.Message), "no second refresh with a refused token");
            Assert.That(Count(FakeOperation.RefreshToken), Is.EqualTo(1));
            Assert.That(Count(FakeOperation.GetUser), Is.EqualTo(1));
        });

        await gcore.LogInAsync();
        Assert.That((await gcore.Users.GetUserAsync(1)).Id, Is.EqualTo(1));
    }

    [Test]
    public void A_wrong_password_is_an_authentication_error_without_the_password()
    {
        using var gcore = LoggedInClient(o => o.Password = "wrong-Password-123");

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => gcore.Users.GetUserAsync(1))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("refused the login").And.Not.Contain("wrong-Password-123"));
            Assert.That(e.ToString(), Does.Not.Contain("wrong-Password-123"));
            Assert.That(Count(FakeOperation.GetUser), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task Neither_the_password_nor_a_token_appears_in_ToString_logs_or_the_fakes_request_log()
    {
        var logs = new CapturingLoggerFactory();
        using var gcore = LoggedInClient(o => o.LoggerFactory = logs);
        var options = new GcoreIamClientOptions { Username = Username, Password = GcoreIamFakeSeed.DefaultPassword, OneTimePassword = "123456" };
        await gcore.Users.GetUserAsync(1);
        _clock.Advance(_fake.AccessTokenLifetime);
        await gcore.Users.GetUserAsync(1);
        var (_, tokens, _) = await RawLogInAsync();

        var seen = string.Join("\n", logs.Lines) + options + gcore + string.Join("\n", _fake.Requests.Select(r => r.ToString() + r.Body));

        Assert.Multiple(() =>
        {
            Assert.That(seen, Does.Not.Contain(GcoreIamFakeSeed.DefaultPassword));
            Assert.That(seen, Does.Not.Contain("123456"));
            Assert.That(seen, Does.Not.Contain("eyJ"), "a JWT (base64 of '{\"')");
            Assert.That(tokens, Does.Contain("eyJ"), "the check above would see a token");
            Assert.That(options.ToString(), Does.Contain("Password = (set, redacted)"));
        });
    }

    [Test]
    public async Task AddGcoreIam_binds_the_username_and_password_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gcore:Iam:BaseUrl"] = _fake.BaseUrl.ToString(),
            ["Gcore:Iam:Username"] = Username,
            ["Gcore:Iam:Password"] = GcoreIamFakeSeed.DefaultPassword,
            ["Gcore:Iam:AccountId"] = "200777",
        }).Build();
        var services = new ServiceCollection();
        services.AddGcoreIam(configuration.GetSection("Gcore:Iam"));
        await using var provider = services.BuildServiceProvider();

        var user = await provider.GetRequiredService<IUsersClient>().GetUserAsync(2);
        await provider.GetRequiredService<IAccountClient>().GetAccountOverviewAsync();

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(2));
            Assert.That(Count(FakeOperation.LogIn), Is.EqualTo(1), "one session for the container");
            Assert.That(Count(FakeOperation.SelectAccount), Is.EqualTo(1));
        });
    }

    [Test]
    public void An_API_key_and_a_password_together_are_a_configuration_error()
    {
        var e = Assert.Throws<GcoreIamConfigurationException>(() => new GcoreIamClient(new GcoreIamClientOptions
        {
            ApiKey = _fake.ApiKey, Username = Username, Password = GcoreIamFakeSeed.DefaultPassword, BaseUrl = _fake.BaseUrl,
        }))!;
        var half = Assert.Throws<GcoreIamConfigurationException>(() => new GcoreIamClient(new GcoreIamClientOptions { Username = Username, BaseUrl = _fake.BaseUrl }))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("either ApiKey").And.Not.Contain(GcoreIamFakeSeed.DefaultPassword).And.Not.Contain(_fake.ApiKey));
            Assert.That(half.Message, Does.Contain("both"));
        });
    }

    private async Task<(int Status, string Body, string? Access)> RawLogInAsync()
    {
        using var http = new HttpClient { BaseAddress = _fake.BaseUrl };
        using var response = await http.PostAsync("iam/auth/jwt/login", new StringContent(
            $$"""{"username": "{{Username}}", "password": "{{GcoreIamFakeSeed.DefaultPassword}}"}""", System.Text.Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, body, Newtonsoft.Json.Linq.JObject.Parse(body)["access"]?.ToString());
    }
}
