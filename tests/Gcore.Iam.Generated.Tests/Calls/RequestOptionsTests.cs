using Gcore.Iam.Tests.Resilience;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests.Calls;

/// <summary>
/// <c>WithOptions</c>: a per-call timeout, retries (off or a count), extra headers and cancellation
/// win over the client's options for the calls of that view only.
/// </summary>
[TestFixture]
public class RequestOptionsTests : GcoreIamTestBase
{
    private const string UserJson = """{"id":7,"email":"a@example.com","name":"A","phone":null}""";

    protected override void ConfigureClient(GcoreIamClientOptions options)
    {
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(20);
    }

    private void AlwaysUnavailable() =>
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));

    [Test]
    public void Retries_off_for_one_view_sends_one_request_while_the_client_keeps_retrying()
    {
        AlwaysUnavailable();

        var once = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.WithOptions(new GcoreIamRequestOptions().WithoutRetries()).GetUserAsync(7))!;
        var requestsOnce = Server.LogEntries.Count;
        var usual = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(once.Attempts, Is.EqualTo(1));
            Assert.That(requestsOnce, Is.EqualTo(1));
            Assert.That(usual.Attempts, Is.EqualTo(3), "the client's MaxRetries = 2 still applies outside the view");
        });
    }

    [Test]
    public void A_retry_count_applies_even_when_the_client_does_not_retry()
    {
        AlwaysUnavailable();
        using var client = CreateClient(o => o.MaxRetries = 0);

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => client.Users.WithOptions(new GcoreIamRequestOptions { MaxRetries = 3 }).GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Attempts, Is.EqualTo(4));
            Assert.That(Server.LogEntries.Count, Is.EqualTo(4));
        });
    }

    [Test]
    public void A_retry_count_does_not_make_an_invitation_repeatable()
    {
        Server.Given(Request.Create().WithPath("/iam/clients/invite_user").UsingPost()).RespondWith(Response.Create().WithStatusCode(503));

        Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.WithOptions(new GcoreIamRequestOptions { MaxRetries = 5 })
            .InviteUserAsync(new UserInvite { Email = "new@example.com", Name = "New", ClientId = 5, UserRole = new UserGroup { Id = 1, Name = "Users" } }));

        Assert.That(Server.LogEntries.Count, Is.EqualTo(1));
    }

    [Test]
    public void A_shorter_timeout_for_one_call_wins_over_the_client_s()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson).WithDelay(TimeSpan.FromSeconds(3)));

        var e = Assert.ThrowsAsync<GcoreIamTimeoutException>(() =>
            Client.Users.WithOptions(new GcoreIamRequestOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxRetries = 0 }).GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(e.Message, Does.Contain("GcoreIamRequestOptions.Timeout"));
        });
    }

    [Test]
    public async Task Extra_headers_are_sent_on_every_attempt_and_the_key_stays_the_client_s()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("h").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("h").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson));

        await Client.Users.WithOptions(new GcoreIamRequestOptions().AddHeader("X-Trace-Tag", "nightly-audit")).GetUserAsync(7);

        var requests = ReceivedRequests();
        Assert.That(requests, Has.Count.EqualTo(2));
        foreach (var request in requests)
        {
            Assert.That(request.Headers!["X-Trace-Tag"], Is.EqualTo(new[] { "nightly-audit" }));
            AssertAuthorization(request);
        }
    }

    [TestCase("Authorization")]
    [TestCase("authorization")]
    [TestCase("Proxy-Authorization")]
    [TestCase("Cookie")]
    public void Credential_headers_are_refused(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => new GcoreIamRequestOptions().AddHeader(name, "APIKey " + ApiKey))!;

        Assert.That(e.ParamName, Is.EqualTo("name"));
        AssertNoKey(e.Message, "the refusal");
    }

    [TestCase("Content-Type", "text/plain")]
    [TestCase("X-Bad", "a\r\nInjected: yes")]
    [TestCase("X-Name", "Zoë")] // non-ASCII: sent anyway it failed the request as "could not reach Gcore"
    [TestCase("Bad Name", "x")]
    public void Headers_that_cannot_be_request_headers_are_refused(string name, string value) =>
        Assert.Throws<ArgumentException>(() => new GcoreIamRequestOptions().AddHeader(name, value));

    [Test]
    public void Out_of_range_options_are_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new GcoreIamRequestOptions { MaxRetries = -1 });
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new GcoreIamRequestOptions { MaxRetries = GcoreIamRequestOptions.MaxRetriesLimit + 1 });
            Assert.Throws<ArgumentOutOfRangeException>(() => _ = new GcoreIamRequestOptions { Timeout = TimeSpan.Zero });
            Assert.Throws<ArgumentNullException>(() => Client.Users.WithOptions(null!));
        });
    }

    [Test]
    public async Task Extra_header_values_are_never_logged_nor_shown()
    {
        const string secretish = "partner-secret-0123456789";
        var logs = new CapturingLoggerProvider();
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        using var client = CreateClient(o => o.LoggerFactory = logs);
        var options = new GcoreIamRequestOptions().AddHeader("X-Partner", secretish);

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => client.Users.WithOptions(options).GetUserAsync(7))!;
        await Task.Yield();

        Assert.Multiple(() =>
        {
            Assert.That(options.ToString(), Does.Contain("X-Partner").And.Not.Contain(secretish));
            Assert.That(logs.Lines, Is.Not.Empty);
            Assert.That(logs.Lines.Any(l => l.Contains(secretish, StringComparison.Ordinal)), Is.False, "a log line holds the header value");
            Assert.That(e.ToString(), Does.Not.Contain(secretish));
        });
    }

    [Test]
    public void The_options_token_cancels_the_calls_of_the_view()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson).WithDelay(TimeSpan.FromSeconds(3)));
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(
            () => Client.Users.WithOptions(new GcoreIamRequestOptions { CancellationToken = shutdown.Token }).GetUserAsync(7, CancellationToken.None),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void The_method_token_still_cancels_a_call_whose_options_carry_another()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson).WithDelay(TimeSpan.FromSeconds(3)));
        using var never = new CancellationTokenSource();
        using var caller = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.That(
            () => Client.Users.WithOptions(new GcoreIamRequestOptions { CancellationToken = never.Token }).GetUserAsync(7, caller.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Later_options_win_field_by_field_and_copies_are_taken()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        var first = new GcoreIamRequestOptions { MaxRetries = 0 }.AddHeader("X-A", "1").AddHeader("X-B", "1");
        var view = Client.Users.WithOptions(first).WithOptions(new GcoreIamRequestOptions().AddHeader("X-B", "2"));
        first.MaxRetries = 5; // too late: the view took a copy

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => view.GetUserAsync(7))!;
        await Task.Yield();

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(e.Attempts, Is.EqualTo(1), "MaxRetries = 0 of the first view is kept");
            Assert.That(request.Headers!["X-A"], Is.EqualTo(new[] { "1" }));
            Assert.That(request.Headers!["X-B"], Is.EqualTo(new[] { "2" }), "the later view wins");
        });
    }

    [Test]
    public async Task The_raw_view_of_an_options_view_keeps_the_options()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson));

        var response = await Client.Users.WithOptions(new GcoreIamRequestOptions().AddHeader("X-A", "1")).WithRawResponse.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Id, Is.EqualTo(7));
            Assert.That(SingleRequest().Headers!["X-A"], Is.EqualTo(new[] { "1" }));
        });
    }

    [Test]
    public async Task A_client_wide_view_applies_its_options_to_every_area_and_leaves_the_client_alone()
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(503));
        var quick = Client.WithOptions(new GcoreIamRequestOptions().WithoutRetries().AddHeader("X-A", "1"));

        var users = Assert.ThrowsAsync<GcoreIamServerException>(() => quick.Users.GetUserAsync(7))!;
        var account = Assert.ThrowsAsync<GcoreIamServerException>(() => quick.Account.GetAccountOverviewAsync())!;
        var requestsOfTheView = ReceivedRequests();
        Server.ResetLogEntries();
        var usual = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.GetUserAsync(7))!;
        quick.Dispose(); // a view owns nothing: the client still sends afterwards
        var afterwards = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Account.GetAccountOverviewAsync())!;
        await Task.Yield();

        Assert.Multiple(() =>
        {
            Assert.That(users.Attempts, Is.EqualTo(1));
            Assert.That(account.Attempts, Is.EqualTo(1));
            Assert.That(requestsOfTheView.Select(r => r.Headers!["X-A"].Single()), Is.EqualTo(new[] { "1", "1" }));
            Assert.That(usual.Attempts, Is.EqualTo(3));
            Assert.That(afterwards.Attempts, Is.EqualTo(3));
            Assert.That(ReceivedRequests()[^1].Headers!.ContainsKey("X-A"), Is.False);
        });
    }
}
