using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing.Tests;

/// <summary>The fake's faults behave as real sockets and proxies do: checked on the wire, and with the client.</summary>
[TestFixture]
public class ConnectionFaultTests : FakeServerTestBase
{
    [Test]
    public async Task A_drop_reads_the_request_then_closes_cleanly_without_an_answer()
    {
        Fake.FailNext(FakeFault.DropConnection());

        var (answer, error) = await RawGetAsync("/iam/users/1");

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Null, "a clean close (FIN) ends the stream, it does not fail it");
            Assert.That(answer, Is.Empty, "no answer");
            Assert.That(Fake.Requests.Single().Fault, Is.EqualTo(FakeFaultKind.DropConnection));
            Assert.That(Fake.Requests.Single().Path, Is.EqualTo("/iam/users/1"));
        });
    }

    [Test]
    public async Task A_reset_reads_the_request_then_resets_the_connection()
    {
        Fake.FailNext(FakeFault.ResetConnection());

        var (answer, error) = await RawGetAsync("/iam/users/1");

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.InstanceOf<IOException>().Or.InstanceOf<SocketException>(), "a reset (RST) fails the read");
            Assert.That(answer, Is.Empty);
            Assert.That(Fake.Requests.Single().Fault, Is.EqualTo(FakeFaultKind.ResetConnection));
        });
    }

    [TestCase(FakeFaultKind.DropConnection)]
    [TestCase(FakeFaultKind.ResetConnection)]
    public async Task A_dropped_or_reset_invite_changes_nothing_and_is_sent_once(FakeFaultKind kind)
    {
        var before = (await Client.Users.ListUsersAsync(limit: 100)).Count;
        Fake.ClearRequests();
        Fake.FailNext(kind == FakeFaultKind.DropConnection ? FakeFault.DropConnection() : FakeFault.ResetConnection());
        using var retrying = Fake.CreateClient();

        Assert.ThrowsAsync<GcoreIamConnectionException>(() => retrying.Users.InviteUserAsync(Invite()));
        var after = (await Client.Users.ListUsersAsync(limit: 100)).Count;

        Assert.Multiple(() =>
        {
            Assert.That(after, Is.EqualTo(before));
            Assert.That(Fake.Requests.Count(r => r.Operation == FakeOperation.InviteUser), Is.EqualTo(1));
        });
    }

    [Test]
    public void A_dropped_login_is_logged_as_the_server_read_it_with_its_password_redacted()
    {
        Fake.ClearRequests();
        Fake.FailNext(FakeFault.DropConnection(), operation: FakeOperation.LogIn);

        // Sent without credentials, as a login is.
        Assert.ThrowsAsync<HttpRequestException>(() => SendRawAsync(HttpMethod.Post, "iam/auth/jwt/login",
            $$"""{"username": "john.doe@example.com", "password": "{{GcoreIamFakeSeed.DefaultPassword}}"}""", authorization: null));
        var logged = Fake.Requests.Single();

        Assert.Multiple(() =>
        {
            Assert.That((logged.Operation, logged.StatusCode, logged.Fault), Is.EqualTo((FakeOperation.LogIn, 0, (FakeFaultKind?)FakeFaultKind.DropConnection)));
            Assert.That((logged.Authorized, logged.AuthScheme), Is.EqualTo((true, (string?)null)), "logging in needs no credentials");
            Assert.That(JObject.Parse(logged.Body!)["username"]!.Value<string>(), Is.EqualTo("john.doe@example.com"));
            Assert.That(JObject.Parse(logged.Body!)["password"]!.Value<string>(), Is.EqualTo("[REDACTED]"));
            Assert.That(logged.Body, Does.Not.Contain(GcoreIamFakeSeed.DefaultPassword));
        });
    }

    [Test]
    public async Task A_secret_member_named_with_escapes_is_redacted_in_the_request_log()
    {
        Fake.ClearRequests();

        var (status, _, _) = await SendRawAsync(HttpMethod.Post, "iam/auth/jwt/login",
            $$"""{"username": "john.doe@example.com", "pass\u0077ord": "{{GcoreIamFakeSeed.DefaultPassword}}"}""", authorization: null);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(200), "the escaped name is the member password");
            Assert.That(Fake.Requests.Single().Body, Does.Not.Contain(GcoreIamFakeSeed.DefaultPassword).And.Contain("[REDACTED]"));
        });
    }

    [Test]
    [Category(Categories.OneRequestPerAttempt)]
    public async Task Apply_then_drop_changes_the_state_and_loses_the_answer()
    {
        var token = (await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId)).First();
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.DeleteApiToken);

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => Client.ApiTokens.DeleteApiTokenAsync(Fake.AccountId, token.Id));
        var left = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId);

        Assert.Multiple(() =>
        {
            Assert.That(e!.Attempts, Is.EqualTo(1));
            Assert.That(left.Select(t => t.Id), Does.Not.Contain(token.Id), "the delete took effect");
            Assert.That(Fake.Requests.Single(r => r.Operation == FakeOperation.DeleteApiToken).Fault, Is.EqualTo(FakeFaultKind.ApplyThenDrop));
        });
    }

    [Test]
    [Category(Categories.OneRequestPerAttempt)]
    public async Task An_applied_delete_whose_answer_was_lost_is_reported_as_done_by_a_retrying_client()
    {
        var token = (await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId)).First();
        Fake.ClearRequests();
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.DeleteApiToken);
        using var retrying = Fake.CreateClient();

        await retrying.ApiTokens.DeleteApiTokenAsync(Fake.AccountId, token.Id);

        var deletes = Fake.Requests.Where(r => r.Operation == FakeOperation.DeleteApiToken).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(deletes.Select(r => r.Fault), Is.EqualTo(new FakeFaultKind?[] { FakeFaultKind.ApplyThenDrop, null }));
            Assert.That(deletes[1].StatusCode, Is.EqualTo(404), "the retry finds nothing: the first attempt removed it");
        });
    }

    [Test]
    public async Task A_slow_body_trickles_in_and_still_reads()
    {
        Fake.FailNext(FakeFault.SlowBody(TimeSpan.FromMilliseconds(2)), operation: FakeOperation.GetUser);

        var user = await Client.Users.GetUserAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(user.Email, Is.EqualTo("john.doe@example.com"));
            Assert.That(Fake.Requests.Single().Fault, Is.EqualTo(FakeFaultKind.SlowBody));
        });
    }

    [Test]
    public void A_slow_body_can_be_cancelled_by_the_caller()
    {
        Fake.FailNext(FakeFault.SlowBody(TimeSpan.FromSeconds(1)), operation: FakeOperation.ListUsers);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.CatchAsync<OperationCanceledException>(() => Client.Users.ListUsersAsync(limit: 100, cancellationToken: cancel.Token));
    }

    [Test]
    public void A_body_slower_than_the_call_timeout_is_a_timeout()
    {
        // 16 bytes every 100 ms: a user's body takes several seconds, the call may take 1 s.
        Fake.FailNext(FakeFault.SlowBody(TimeSpan.FromMilliseconds(100)), operation: FakeOperation.GetUser);
        using var client = Fake.CreateClient(o => o.Timeout = TimeSpan.FromSeconds(1));

        var e = Assert.ThrowsAsync<GcoreIamTimeoutException>(() => client.Users.GetUserAsync(2))!;

        Assert.That(e.Message, Does.Contain("call timeout of 1 s"));
    }

    [Test]
    public void A_body_the_caller_stops_waiting_for_is_a_cancellation_not_a_timeout()
    {
        Fake.FailNext(FakeFault.SlowBody(TimeSpan.FromMilliseconds(100)), operation: FakeOperation.GetUser);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var e = Assert.CatchAsync<OperationCanceledException>(() => Client.Users.GetUserAsync(2, cancel.Token))!;

        Assert.That(e.CancellationToken, Is.EqualTo(cancel.Token));
    }

    [Test]
    public async Task A_proxys_HTML_502_is_a_server_error_without_Gcore_fields_and_is_retried()
    {
        Fake.FailNext(FakeFault.ProxyBadGateway());

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.GetUserAsync(1))!;
        Fake.FailNext(FakeFault.ProxyBadGateway());
        using var retrying = Fake.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(5));
        var user = await retrying.Users.GetUserAsync(1);

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(502));
            Assert.That(e.Details.BodyIsJson, Is.False);
            Assert.That(e.GcoreMessage, Is.Null);
            Assert.That(e.Headers["Content-Type"].Single(), Does.StartWith("text/html"));
            Assert.That(e.ResponseBody, Does.Contain("502 Bad Gateway"));
            Assert.That(e.Message, Does.Contain("a proxy may have answered"));
            Assert.That(user.Id, Is.EqualTo(1));
        });
    }

    [Test]
    public void A_slow_body_pause_is_checked()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.SlowBody(TimeSpan.FromSeconds(-1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.SlowBody(TimeSpan.FromMinutes(1)));
        });
    }

    private static UserInvite Invite() => new()
    {
        ClientId = 200001,
        Email = "new.person@example.com",
        UserRole = new UserGroup { Id = 2, Name = "Users" },
    };

    /// <summary>Sends a GET over a raw socket and reads until the server closes: what came, and how the stream ended.</summary>
    private async Task<(string Answer, Exception? Error)> RawGetAsync(string path)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(Fake.BaseUrl.Host, Fake.BaseUrl.Port);
        var stream = tcp.GetStream();
        var request = $"GET {path} HTTP/1.1\r\nHost: {Fake.BaseUrl.Authority}\r\nAuthorization: APIKey {Fake.ApiKey}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var answer = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return (answer.ToString(), null);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            return (answer.ToString(), e);
        }
    }
}
