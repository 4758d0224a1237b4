namespace Gcore.Iam.Tests.Resilience;

/// <summary>
/// The fault matrix over real loopback sockets: requests are counted at the socket
/// (<see cref="LoopbackFaultServer"/>), so a re-send by any layer of the client is seen.
/// </summary>
public partial class FaultMatrixTests
{
    private const string SocketUserJson = """{"id":7,"email":"a@example.com","name":null,"phone":null}""";

    public static IEnumerable<TestCaseData> ConnectionFaults()
    {
        // method, fault, attempts (= requests at the socket) with the default 2 retries:
        // reads, deletes and updates are retried; an invite may have reached the server, so it is not.
        foreach (var (fault, name) in new[] { (SocketReply.Drop, "drop (FIN)"), (SocketReply.Reset, "reset (RST)") })
        {
            yield return OneRequestPerAttemptIfDropped(new TestCaseData("GET", fault, 3).SetName($"Socket {name} on GET: 3 attempts, 3 requests"), fault);
            yield return OneRequestPerAttemptIfDropped(new TestCaseData("DELETE", fault, 3).SetName($"Socket {name} on DELETE: 3 attempts, 3 requests"), fault);
            yield return new TestCaseData("PATCH", fault, 3).SetName($"Socket {name} on PATCH: 3 attempts, 3 requests");
            yield return new TestCaseData("POST", fault, 1).SetName($"Socket {name} on POST: 1 attempt, 1 request");
        }
    }

    /// <summary>A request without a body whose connection closes before the answer: see <see cref="Categories.OneRequestPerAttempt"/>.</summary>
    private static TestCaseData OneRequestPerAttemptIfDropped(TestCaseData test, SocketReply fault) =>
        fault == SocketReply.Drop ? test.SetCategory(Categories.OneRequestPerAttempt) : test;

    [TestCaseSource(nameof(ConnectionFaults))]
    public void A_connection_fault_reaches_the_server_once_per_attempt(string method, SocketReply fault, int attempts)
    {
        using var server = new LoopbackFaultServer((_, _) => fault);
        using var client = OverSockets(server);

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => Call(client, method))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Attempts, Is.EqualTo(attempts), "attempts the client reports");
            Assert.That(server.Requests, Is.EqualTo(attempts), "requests the server read: " + string.Join(" | ", server.RequestLines));
            Assert.That(e.Method, Is.EqualTo(method));
        });
    }

    [TestCaseSource(nameof(ConnectionFaults))]
    public async Task A_connection_fault_on_a_pooled_connection_reaches_the_server_once_per_attempt(string method, SocketReply fault, int attempts)
    {
        // The first request is answered, so the faulting call starts on a reused, pooled connection.
        using var server = new LoopbackFaultServer((n, _) => n == 1 ? SocketReply.Answer(200, SocketUserJson) : fault);
        using var client = OverSockets(server);
        await client.Users.GetUserAsync(7);

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => Call(client, method))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Attempts, Is.EqualTo(attempts));
            Assert.That(server.Requests - 1, Is.EqualTo(attempts), string.Join(" | ", server.RequestLines));
        });
    }

    [Test]
    public void A_connection_reset_while_the_answers_body_arrives_is_a_connection_error()
    {
        using var server = new LoopbackFaultServer((_, _) => new SocketReply.CutOffReply(SocketUserJson + new string(' ', 4096)));
        using var client = OverSockets(server);

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => client.Users.GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Method, Is.EqualTo("GET"));
            Assert.That(e.Message, Does.Contain("/iam/users/7").And.Contain("body"));
            Assert.That(e.InnerException, Is.InstanceOf<IOException>().Or.InstanceOf<HttpRequestException>());
            Assert.That(server.Requests, Is.EqualTo(1), "a body cut off is not sent again");
        });
    }

    [Test]
    [Category(Categories.OneRequestPerAttempt)]
    public async Task A_delete_applied_whose_answer_was_lost_is_reported_as_done()
    {
        // The first DELETE removes the token and the connection closes before the answer; the retry finds nothing.
        var deleted = false;
        using var server = new LoopbackFaultServer((_, method) =>
        {
            if (method == "DELETE" && !deleted)
            {
                deleted = true;
                return SocketReply.Drop;
            }

            return SocketReply.Answer(404, """{"message":"Not found."}""");
        });
        using var client = OverSockets(server);

        await client.ApiTokens.DeleteApiTokenAsync(5, 9);

        Assert.Multiple(() =>
        {
            Assert.That(deleted, Is.True);
            Assert.That(server.Requests, Is.EqualTo(2), string.Join(" | ", server.RequestLines));
        });
    }

    [Test]
    public void Without_the_librarys_transport_SocketsHttpHandler_re_sends_a_request_the_server_dropped()
    {
        // Why the library's transport has OneRequestPerAttempt: a plain SocketsHttpHandler re-sends a
        // request without a body whose connection closed before the answer, below every handler.
        using var server = new LoopbackFaultServer((_, _) => SocketReply.Drop);
        using var transport = new System.Net.Http.SocketsHttpHandler();
        using var client = new GcoreIamClient(SocketOptions(server), transport);

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => client.Users.GetUserAsync(7))!;

        Assert.That(server.Requests, Is.GreaterThan(e.Attempts));
    }

    [Test]
    public async Task An_answer_that_ends_the_connection_is_still_read()
    {
        using var server = new LoopbackFaultServer((_, _) => SocketReply.Answer(200, SocketUserJson));
        using var client = OverSockets(server);

        var first = await client.Users.GetUserAsync(7);
        var second = await client.Users.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(first.Id, Is.EqualTo(7));
            Assert.That(second.Id, Is.EqualTo(7));
            Assert.That(server.Requests, Is.EqualTo(2));
            Assert.That(server.Connections, Is.EqualTo(1), "the answered connection is reused");
        });
    }

    private static GcoreIamClientOptions SocketOptions(LoopbackFaultServer server) => new()
    {
        ApiKey = ApiKey,
        BaseUrl = server.Url,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
    };

    private static GcoreIamClient OverSockets(LoopbackFaultServer server) => new(SocketOptions(server));

    private static Task Call(GcoreIamClient client, string method) => method switch
    {
        "GET" => client.Users.GetUserAsync(7),
        "DELETE" => client.Users.RevokeAccessAsync(5, 7),
        "PATCH" => client.Users.UpdateUserAsync(7, new UserUpdate { Name = "x" }),
        "POST" => client.Users.InviteUserAsync(Invite()),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
