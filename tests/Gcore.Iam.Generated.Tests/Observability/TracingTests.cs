using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests.Observability;

/// <summary>
/// The ActivitySource <c>Gcore.Iam</c>: one span per operation, a child of the caller's span, with
/// HttpClient's spans (one per attempt) under it, and the OpenTelemetry HTTP-client attributes.
/// </summary>
[TestFixture]
public class TracingTests : GcoreIamTestBase
{
    private const string UserJson = """{"id":7,"email":"a@example.com","name":"A","phone":null}""";
    private static readonly ActivitySource Caller = new("Gcore.Iam.Tests.Caller");

    private ActivityListener _listener = null!;
    private ConcurrentQueue<Activity> _spans = null!;

    protected override void ConfigureClient(GcoreIamClientOptions options)
    {
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(20);
    }

    [SetUp]
    public void Listen()
    {
        var spans = _spans = new ConcurrentQueue<Activity>();
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is GcoreIamTelemetry.ActivitySourceName or "System.Net.Http" or "Gcore.Iam.Tests.Caller",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [TearDown]
    public void StopListening() => _listener.Dispose();

    private List<Activity> SpansOf(ActivityTraceId trace) => _spans.Where(a => a.TraceId == trace).ToList();

    [Test]
    public async Task A_retried_call_is_one_span_under_the_caller_s_with_one_http_span_per_attempt()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("t").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("t").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("X-Request-ID", "req-7").WithBody(UserJson));

        ActivityTraceId trace;
        ActivitySpanId parent;
        using (var caller = Caller.StartActivity("caller")!)
        {
            trace = caller.TraceId;
            parent = caller.SpanId;
            await Client.Users.GetUserAsync(7);
        }

        var spans = SpansOf(trace);
        var operation = spans.Single(s => s.Source.Name == GcoreIamTelemetry.ActivitySourceName);
        var http = spans.Where(s => s.Source.Name == "System.Net.Http").ToList();
        var port = new Uri(Server.Url!).Port;
        Assert.Multiple(() =>
        {
            Assert.That(operation.OperationName, Is.EqualTo("Gcore.Iam.Users.GetUser"));
            Assert.That(operation.ParentSpanId, Is.EqualTo(parent), "child of the caller's span");
            Assert.That(operation.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(operation.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(operation.GetTagItem("http.request.method"), Is.EqualTo("GET"));
            Assert.That(operation.GetTagItem("server.address"), Is.EqualTo("127.0.0.1"));
            Assert.That(operation.GetTagItem("server.port"), Is.EqualTo(port));
            Assert.That(operation.GetTagItem("url.template"), Is.EqualTo("/iam/users/{userId}"));
            Assert.That(operation.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(operation.GetTagItem("http.request.resend_count"), Is.EqualTo(1));
            Assert.That(operation.GetTagItem(GcoreIamTelemetry.RequestIdAttribute), Is.EqualTo("req-7"));
            Assert.That(operation.GetTagItem(GcoreIamTelemetry.OperationAttribute), Is.EqualTo("Users.GetUser"));
            Assert.That(operation.GetTagItem("error.type"), Is.Null);
            Assert.That(operation.Events.Select(e => e.Name), Is.EqualTo(new[] { "gcore.iam.retry" }));
            Assert.That(operation.Events.Single().Tags.ToDictionary(t => t.Key, t => t.Value)["http.response.status_code"], Is.EqualTo(503));
            Assert.That(http, Has.Count.EqualTo(2), "one HttpClient span per attempt");
            Assert.That(http.Select(h => h.ParentSpanId), Is.All.EqualTo(operation.SpanId), "HttpClient's spans nest under the operation's");
        });
    }

    [Test]
    public void A_failed_call_carries_error_type_the_status_and_the_request_id()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Request-ID", "nf-1").WithBody("""{"message":"Not found"}"""));

        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.GetUserAsync(7));

        var operation = _spans.Single(s => s.Source.Name == GcoreIamTelemetry.ActivitySourceName);
        Assert.Multiple(() =>
        {
            Assert.That(operation.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(operation.GetTagItem("error.type"), Is.EqualTo("404"));
            Assert.That(operation.GetTagItem("http.response.status_code"), Is.EqualTo(404));
            Assert.That(operation.GetTagItem(GcoreIamTelemetry.RequestIdAttribute), Is.EqualTo("nf-1"));
            Assert.That(operation.GetTagItem("http.request.resend_count"), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task An_error_answer_returned_with_NoThrow_is_recorded_as_the_same_failure()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Request-ID", "nf-2").WithBody("""{"message":"Not found"}"""));

        var response = await Client.Users.WithOptions(new GcoreIamRequestOptions { NoThrow = true }).WithRawResponse.GetUserAsync(7);

        var operation = _spans.Single(s => s.Source.Name == GcoreIamTelemetry.ActivitySourceName);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(404));
            Assert.That(operation.Status, Is.EqualTo(ActivityStatusCode.Error), "the span tells what happened on the wire, whatever the caller makes of it");
            Assert.That(operation.GetTagItem("error.type"), Is.EqualTo("404"));
            Assert.That(operation.GetTagItem("http.response.status_code"), Is.EqualTo(404));
            Assert.That(operation.GetTagItem(GcoreIamTelemetry.RequestIdAttribute), Is.EqualTo("nf-2"));
        });
    }

    [Test]
    public void A_connection_that_cannot_be_made_is_error_type_connection_error()
    {
        int port;
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            port = ((IPEndPoint)socket.LocalEndpoint).Port;
        }

        using var client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = new Uri($"http://127.0.0.1:{port}"), MaxRetries = 0 });

        Assert.ThrowsAsync<GcoreIamConnectionException>(() => client.Account.GetAccountOverviewAsync());

        var operation = _spans.Single(s => s.Source.Name == GcoreIamTelemetry.ActivitySourceName);
        Assert.Multiple(() =>
        {
            Assert.That(operation.OperationName, Is.EqualTo("Gcore.Iam.Account.GetAccountOverview"));
            Assert.That(operation.GetTagItem("error.type"), Is.EqualTo("connection_error"));
            Assert.That(operation.GetTagItem("http.response.status_code"), Is.Null);
        });
    }

    [Test]
    public async Task No_span_attribute_or_event_carries_the_key_or_a_header_value()
    {
        const string headerValue = "partner-secret-0123456789";
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("k").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0").WithBody($$"""{"message":"slow down {{ApiKey}}"}"""));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("k").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(401).WithBody($$"""{"message":"bad key {{ApiKey}}"}"""));

        Assert.ThrowsAsync<GcoreIamAuthenticationException>(() =>
            Client.Users.WithOptions(new GcoreIamRequestOptions().AddHeader("X-Partner", headerValue)).GetUserAsync(7));
        await Task.Yield();

        Assert.That(_spans, Is.Not.Empty);
        foreach (var span in _spans)
        {
            var texts = span.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
                .Append(span.StatusDescription ?? "")
                .Append(span.DisplayName);
            foreach (var text in texts)
            {
                AssertNoKey(text, $"span {span.OperationName}");
                Assert.That(text, Does.Not.Contain(headerValue), $"span {span.OperationName}");
            }
        }
    }

    [Test]
    public async Task Every_operation_gets_its_span_from_the_template()
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(204));

        await Client.Users.RevokeAccessAsync(5, 7);
        await Client.ApiTokens.DeleteApiTokenAsync(5, 9);

        Assert.That(_spans.Where(s => s.Source.Name == GcoreIamTelemetry.ActivitySourceName).Select(s => s.OperationName),
            Is.EqualTo(new[] { "Gcore.Iam.Users.RevokeAccess", "Gcore.Iam.ApiTokens.DeleteApiToken" }));
    }
}
