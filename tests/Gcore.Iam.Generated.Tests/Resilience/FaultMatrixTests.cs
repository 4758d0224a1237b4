using System.Net;
using System.Net.Sockets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Settings;

namespace Gcore.Iam.Tests.Resilience;

/// <summary>
/// How the client meets throttling, server errors, broken connections and slow answers: the
/// exception a caller gets, and how many requests the server saw (a write that may have reached
/// the server is never repeated). Connection faults are counted at the socket
/// (FaultMatrixTests.Sockets.cs).
/// </summary>
[TestFixture]
public partial class FaultMatrixTests : GcoreIamTestBase
{
    private const string UserJson = """{"id":7,"email":"a@example.com","name":null,"phone":null}""";

    private GcoreIamClient Fast(Action<GcoreIamClientOptions>? configure = null) => CreateClient(o =>
    {
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        o.RetryMaxDelay = TimeSpan.FromMilliseconds(20);
        configure?.Invoke(o);
    });

    private int Requests => Server.LogEntries.Count;

    public static IEnumerable<TestCaseData> StatusCases()
    {
        // status, exception type, requests the server sees with the default 2 retries
        yield return new TestCaseData(400, typeof(GcoreIamBadRequestException), 1);
        yield return new TestCaseData(401, typeof(GcoreIamAuthenticationException), 1);
        yield return new TestCaseData(403, typeof(GcoreIamPermissionDeniedException), 1);
        yield return new TestCaseData(404, typeof(GcoreIamNotFoundException), 1);
        yield return new TestCaseData(409, typeof(GcoreIamConflictException), 1);
        yield return new TestCaseData(422, typeof(GcoreIamUnprocessableEntityException), 1);
        yield return new TestCaseData(408, typeof(GcoreIamApiException), 3);
        yield return new TestCaseData(429, typeof(GcoreIamRateLimitException), 3);
        yield return new TestCaseData(500, typeof(GcoreIamServerException), 3);
        yield return new TestCaseData(502, typeof(GcoreIamServerException), 3);
        yield return new TestCaseData(503, typeof(GcoreIamServerException), 3);
        yield return new TestCaseData(504, typeof(GcoreIamServerException), 3);
    }

    [TestCaseSource(nameof(StatusCases))]
    public void A_read_gets_the_status_exception_after_retrying_only_what_is_retryable(int status, Type expected, int requests)
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithBody("""{"message":"nope"}"""));
        using var client = Fast();

        var e = Assert.ThrowsAsync(Is.AssignableTo<GcoreIamApiException>(), () => client.Users.GetUserAsync(7))!;

        var api = (GcoreIamApiException)e;
        Assert.Multiple(() =>
        {
            Assert.That(api.GetType(), Is.EqualTo(expected));
            Assert.That(api.StatusCode, Is.EqualTo(status));
            Assert.That(api.GcoreMessage, Is.EqualTo("nope"));
            Assert.That(api.Attempts, Is.EqualTo(requests));
            Assert.That(Requests, Is.EqualTo(requests));
        });
    }

    [Test]
    public void A_503_on_invite_is_sent_exactly_once()
    {
        Server.Given(Request.Create().WithPath("/iam/clients/invite_user").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(503));
        using var client = Fast();

        Assert.ThrowsAsync<GcoreIamServerException>(() => client.Users.InviteUserAsync(Invite()));
        Assert.That(Requests, Is.EqualTo(1));
    }

    [Test]
    public void A_429_on_token_creation_is_sent_exactly_once()
    {
        Server.Given(Request.Create().WithPath("/iam/v2/clients/5/tokens").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"));
        using var client = Fast();

        Assert.ThrowsAsync<GcoreIamRateLimitException>(() => client.ApiTokens.CreateApiTokenAsync(5, NewToken()));
        Assert.That(Requests, Is.EqualTo(1));
    }

    [Test]
    public void A_broken_connection_on_invite_is_not_repeated()
    {
        Server.Given(Request.Create().WithPath("/iam/clients/invite_user").UsingPost())
            .RespondWith(Response.Create().WithFault(FaultType.EMPTY_RESPONSE));
        using var client = Fast();

        var e = Assert.ThrowsAsync(Is.AssignableTo<GcoreIamException>(), () => client.Users.InviteUserAsync(Invite()))!;
        Assert.That(e, Is.TypeOf<GcoreIamConnectionException>().Or.TypeOf<GcoreIamInvalidResponseException>());
        Assert.That(Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task A_503_on_update_and_delete_is_retried_and_then_succeeds()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingPatch()).InScenario("patch").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingPatch()).InScenario("patch").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson));
        Server.Given(Request.Create().WithPath("/iam/v2/clients/5/tokens/9").UsingDelete()).InScenario("delete").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(502));
        Server.Given(Request.Create().WithPath("/iam/v2/clients/5/tokens/9").UsingDelete()).InScenario("delete").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(204));
        using var client = Fast();

        var user = await client.Users.UpdateUserAsync(7, new UserUpdate { Name = "x" });
        await client.ApiTokens.DeleteApiTokenAsync(5, 9);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(7));
            Assert.That(Server.LogEntries.Count(l => l.RequestMessage!.Method == "PATCH"), Is.EqualTo(2));
            Assert.That(Server.LogEntries.Count(l => l.RequestMessage!.Method == "DELETE"), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task A_retried_revoke_that_finds_nothing_counts_as_done()
    {
        Server.Given(Request.Create().WithPath("/iam/clients/5/client-users/7").UsingDelete()).InScenario("revoke").WillSetStateTo("gone")
            .RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(Request.Create().WithPath("/iam/clients/5/client-users/7").UsingDelete()).InScenario("revoke").WhenStateIs("gone")
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"message":"Not found"}"""));
        using var client = Fast();

        await client.Users.RevokeAccessAsync(5, 7);

        Assert.That(Requests, Is.EqualTo(2));
    }

    [Test]
    public void A_first_404_on_revoke_is_still_an_error()
    {
        Server.Given(Request.Create().WithPath("/iam/clients/5/client-users/7").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(404));
        using var client = Fast();

        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => client.Users.RevokeAccessAsync(5, 7));
        Assert.That(Requests, Is.EqualTo(1));
    }

    [TestCase(FaultType.EMPTY_RESPONSE)]
    [TestCase(FaultType.MALFORMED_RESPONSE_CHUNK)]
    public void A_broken_answer_to_a_read_is_retried_then_reported_as_a_library_error(FaultType fault)
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson).WithFault(fault));
        using var client = Fast();

        var e = Assert.ThrowsAsync(Is.AssignableTo<GcoreIamException>(), () => client.Users.GetUserAsync(7))!;

        Assert.That(e, Is.TypeOf<GcoreIamConnectionException>().Or.TypeOf<GcoreIamInvalidResponseException>());
        Assert.That(Requests, Is.GreaterThanOrEqualTo(1).And.LessThanOrEqualTo(3));
    }

    [Test]
    public void A_connection_that_cannot_be_made_is_retried_even_for_an_invite()
    {
        using var client = new GcoreIamClient(new GcoreIamClientOptions
        {
            ApiKey = ApiKey,
            BaseUrl = new Uri($"http://127.0.0.1:{ClosedPort()}/"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
        });

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => client.Users.InviteUserAsync(Invite()))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Attempts, Is.EqualTo(3));
            Assert.That(e.Method, Is.EqualTo("POST"));
            Assert.That(e.Path, Is.EqualTo("/iam/clients/invite_user"));
        });
    }

    [Test]
    public void An_answer_slower_than_the_attempt_timeout_is_retried_then_a_timeout_error()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson).WithDelay(TimeSpan.FromSeconds(3)));
        using var client = Fast(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(150);
            o.MaxRetries = 1;
        });

        var e = Assert.ThrowsAsync<GcoreIamTimeoutException>(() => client.Users.GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Attempts, Is.EqualTo(2));
            Assert.That(e.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(150)));
            Assert.That(e.Message, Does.Contain("attempt timeout"));
        });
    }

    [Test]
    public async Task The_call_timeout_bounds_all_attempts()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson).WithDelay(TimeSpan.FromSeconds(3)));
        using var client = Fast(o => o.Timeout = TimeSpan.FromMilliseconds(200));

        var e = Assert.ThrowsAsync<GcoreIamTimeoutException>(() => client.Users.GetUserAsync(7))!;

        Assert.That(e.Message, Does.Contain("call timeout"));
        // WireMock logs a request when its (delayed) answer is done.
        for (var i = 0; i < 100 && Requests == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.That(Requests, Is.EqualTo(1));
    }

    [Test]
    public void Cancelling_during_the_backoff_wait_stops_the_call_without_another_request()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "30"));
        using var client = Fast();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.CatchAsync<OperationCanceledException>(() => client.Users.GetUserAsync(7, cancel.Token));
        Assert.That(Requests, Is.EqualTo(1));
    }

    [Test]
    public void Retries_can_be_turned_off()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).RespondWith(Response.Create().WithStatusCode(503));
        using var client = Fast(o => o.MaxRetries = 0);

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => client.Users.GetUserAsync(7))!;

        Assert.That(e.Attempts, Is.EqualTo(1));
        Assert.That(Requests, Is.EqualTo(1));
    }

    [TestCase("Retry-After", "1", 1000)]
    [TestCase("retry-after-ms", "250", 250)]
    public async Task The_servers_wait_is_honoured(string header, string value, int expectedMs)
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("wait").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader(header, value));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("wait").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson));
        var log = new CapturingLoggerProvider();
        using var client = Fast(o => o.LoggerFactory = log);

        var user = await client.Users.GetUserAsync(7);

        Assert.That(user.Id, Is.EqualTo(7));
        Assert.That(log.Lines, Has.One.Contains($"DelayMs={expectedMs};"));
    }

    [Test]
    public async Task A_Retry_After_date_is_honoured_as_a_wait_until_then()
    {
        var when = DateTimeOffset.UtcNow.AddSeconds(3).ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("date").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", when));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("date").WhenStateIs("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson));
        var log = new CapturingLoggerProvider();
        using var client = Fast(o => o.LoggerFactory = log);

        await client.Users.GetUserAsync(7);

        var retry = log.Lines.Single(l => l.Contains("DelayMs=", StringComparison.Ordinal));
        var delay = long.Parse(retry.Split("DelayMs=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        // The header has one-second precision, so the wait is between 1 and 3 seconds; the backoff alone would be milliseconds.
        Assert.That(delay, Is.InRange(1000, 3000));
    }

    [Test]
    public void A_Retry_After_longer_than_the_cap_is_not_waited_for_but_reported()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "3600"));
        using var client = Fast();

        var e = Assert.ThrowsAsync<GcoreIamRateLimitException>(() => client.Users.GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(e.Message, Does.Contain("retry after 3600 s"));
            Assert.That(Requests, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_rotated_key_applies_to_the_retry()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet().WithHeader("Authorization", "APIKey " + ApiKey))
            .RespondWith(Response.Create().WithStatusCode(401));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet().WithHeader("Authorization", "APIKey 77_rotated_key_value"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson));
        using var client = Fast();

        Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => client.Users.GetUserAsync(7));
        client.UpdateApiKey("77_rotated_key_value");
        var user = await client.Users.GetUserAsync(7);

        Assert.That(user.Id, Is.EqualTo(7));
    }

    internal static UserInvite Invite() => new()
    {
        ClientId = 5,
        Email = "new@example.com",
        UserRole = new UserGroup { Id = 2, Name = "Users" },
    };

    internal static ApiTokenCreate NewToken() => new()
    {
        Name = "ci",
        ClientUser = new ApiTokenRole { Role = new UserGroup { Id = 1, Name = "Administrators" } },
        ExpDate = null,
    };

    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }
}
