using Gcore.Iam.Tests.Resilience;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Tests.Calls;

/// <summary>
/// <see cref="GcoreIamClient.SendAsync"/>, the way to what the spec does not cover yet, over real
/// loopback sockets: requests are counted at the socket (<see cref="LoopbackFaultServer"/>).
/// </summary>
[TestFixture]
public class SendAsyncTests
{
    private const string ApiKey = "4242_SendAsyncKey0123456789abcdef";

    private static GcoreIamClient OverSockets(LoopbackFaultServer server) => new(new GcoreIamClientOptions
    {
        ApiKey = ApiKey,
        BaseUrl = server.Url,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RetryMaxDelay = TimeSpan.FromMilliseconds(20),
    });

    [Test]
    public async Task A_path_the_spec_lacks_answers_its_json_body_with_status_and_request_id()
    {
        using var server = new LoopbackFaultServer((_, _) => SocketReply.Answer(200, """{"feature":"new","count":3}"""));
        using var client = OverSockets(server);

        var answer = await client.SendAsync(HttpMethod.Get, "/iam/not-in-the-spec-yet?limit=3");

        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(200));
            Assert.That((string?)answer.Value!["feature"], Is.EqualTo("new"));
            Assert.That((int?)answer.Value!["count"], Is.EqualTo(3));
            Assert.That(server.RequestLines.Single(), Does.StartWith("GET /iam/not-in-the-spec-yet?limit=3 "));
        });
    }

    [TestCase("POST")]
    [TestCase("PUT")]
    [TestCase("DELETE", Category = Categories.OneRequestPerAttempt)]
    [TestCase("GET", Category = Categories.OneRequestPerAttempt)]
    public void An_unknown_operation_is_sent_once_on_a_dropped_connection(string method)
    {
        using var server = new LoopbackFaultServer((_, _) => SocketReply.Drop);
        using var client = OverSockets(server);

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => client.SendAsync(new HttpMethod(method), "iam/new-thing/7", method is "GET" or "DELETE" ? null : new { name = "x" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Is.EqualTo(1), "the table does not know it, so it is never sent twice: " + string.Join(" | ", server.RequestLines));
            Assert.That(e.Attempts, Is.EqualTo(1));
            Assert.That(e.MayHaveReachedGcore, Is.True);
            Assert.That(e.Message, Does.Contain("may have been applied"));
        });
    }

    [Test]
    public async Task An_unknown_operation_the_caller_says_is_safe_is_retried_on_a_dropped_connection()
    {
        using var server = new LoopbackFaultServer((n, _) => n < 3 ? SocketReply.Drop : SocketReply.Answer(200, """{"ok":true}"""));
        using var client = OverSockets(server);

        var answer = await client.SendAsync(HttpMethod.Put, "iam/new-thing/7", new { name = "x" }, new GcoreIamRequestOptions { SafeToResend = true });

        Assert.Multiple(() =>
        {
            Assert.That(server.Requests, Is.EqualTo(3));
            Assert.That(answer.Attempts, Is.EqualTo(3));
            Assert.That((bool?)answer.Value!["ok"], Is.True);
        });
    }

    [Test]
    public void An_error_status_is_the_librarys_exception_with_the_key_redacted()
    {
        using var server = new LoopbackFaultServer((_, _) => SocketReply.Answer(400, "{\"message\":\"Key " + ApiKey + " may not do this.\",\"errors\":{\"name\":[\"Too long: " + ApiKey + "\"]}}"));
        using var client = OverSockets(server);

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => client.SendAsync(HttpMethod.Post, "iam/new-thing", new JObject { ["name"] = "x" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(400));
            Assert.That(e.Method, Is.EqualTo("POST"));
            Assert.That(e.Path, Is.EqualTo("/iam/new-thing"));
            Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "name" }));
            Assert.That(e.ToString() + e.ResponseBody + string.Join(" ", e.FieldErrors["name"]), Does.Not.Contain(ApiKey));
            Assert.That(server.Requests, Is.EqualTo(1));
        });
    }

    [TestCase("https://elsewhere.example/iam/users")]
    [TestCase("//elsewhere.example/iam/users")]
    [TestCase("iam/../../admin")]
    [TestCase("")]
    public void A_path_that_could_leave_the_base_address_is_refused_before_sending(string path)
    {
        using var server = new LoopbackFaultServer((_, _) => SocketReply.Answer(200, "{}"));
        using var client = OverSockets(server);

        Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => client.SendAsync(HttpMethod.Get, path));
        Assert.That(server.Requests, Is.EqualTo(0));
    }

    [Test]
    public async Task An_answer_without_a_body_has_no_value()
    {
        using var server = new LoopbackFaultServer((_, _) => SocketReply.Answer(204));
        using var client = OverSockets(server);

        var answer = await client.SendAsync(HttpMethod.Delete, "iam/new-thing/7");

        Assert.Multiple(() =>
        {
            Assert.That(answer.StatusCode, Is.EqualTo(204));
            Assert.That(answer.Value, Is.Null);
        });
    }

    [Test]
    public void A_success_whose_body_is_not_json_is_an_invalid_response()
    {
        using var server = new LoopbackFaultServer((_, _) => SocketReply.Answer(200, "<html>proxy</html>", "text/html"));
        using var client = OverSockets(server);

        Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => client.SendAsync(HttpMethod.Get, "iam/new-thing"));
    }
}
