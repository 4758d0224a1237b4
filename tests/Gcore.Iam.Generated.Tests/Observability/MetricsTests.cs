using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests.Observability;

/// <summary>The Meter <c>Gcore.Iam</c>: a duration per operation, and counters of retries and throttled answers.</summary>
[TestFixture]
public class MetricsTests : GcoreIamTestBase
{
    private const string UserJson = """{"id":7,"email":"a@example.com","name":"A","phone":null}""";

    private MeterListener _listener = null!;
    private ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = null!;

    protected override void ConfigureClient(GcoreIamClientOptions options)
    {
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        options.RetryMaxDelay = TimeSpan.FromMilliseconds(20);
    }

    [SetUp]
    public void Listen()
    {
        var measurements = _measurements = new();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == GcoreIamTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        _listener.Start();
    }

    [TearDown]
    public void StopListening() => _listener.Dispose();

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument).ToList();

    [Test]
    public async Task A_throttled_then_successful_call_records_one_duration_one_retry_and_one_throttled_answer()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("m").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("retry-after-ms", "5"));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("m").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson));

        await Client.Users.GetUserAsync(7);

        var duration = Of(GcoreIamTelemetry.RequestDurationInstrument);
        var retries = Of(GcoreIamTelemetry.RetriesInstrument);
        var throttled = Of(GcoreIamTelemetry.ThrottledInstrument);
        Assert.Multiple(() =>
        {
            Assert.That(duration, Has.Count.EqualTo(1));
            Assert.That(duration[0].Value, Is.GreaterThan(0));
            Assert.That(duration[0].Tags[GcoreIamTelemetry.OperationAttribute], Is.EqualTo("Users.GetUser"));
            Assert.That(duration[0].Tags["http.request.method"], Is.EqualTo("GET"));
            Assert.That(duration[0].Tags["http.response.status_code"], Is.EqualTo(200));
            Assert.That(duration[0].Tags["server.address"], Is.EqualTo("127.0.0.1"));
            Assert.That(duration[0].Tags["server.port"], Is.EqualTo(new Uri(Server.Url!).Port));
            Assert.That(duration[0].Tags.ContainsKey("error.type"), Is.False);
            Assert.That(retries.Select(r => r.Value), Is.EqualTo(new[] { 1.0 }));
            Assert.That(retries[0].Tags["http.response.status_code"], Is.EqualTo(429));
            Assert.That(retries[0].Tags[GcoreIamTelemetry.OperationAttribute], Is.EqualTo("Users.GetUser"));
            Assert.That(throttled.Select(r => r.Value), Is.EqualTo(new[] { 1.0 }));
        });
    }

    [Test]
    public void A_final_429_is_counted_as_throttled_and_its_duration_carries_error_type()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"));
        using var client = CreateClient(o => o.MaxRetries = 1);

        Assert.ThrowsAsync<GcoreIamRateLimitException>(() => client.Users.GetUserAsync(7));

        var duration = Of(GcoreIamTelemetry.RequestDurationInstrument).Single();
        Assert.Multiple(() =>
        {
            Assert.That(Of(GcoreIamTelemetry.ThrottledInstrument).Sum(m => m.Value), Is.EqualTo(2), "the retried 429 and the last one");
            Assert.That(Of(GcoreIamTelemetry.RetriesInstrument).Sum(m => m.Value), Is.EqualTo(1));
            Assert.That(duration.Tags["error.type"], Is.EqualTo("429"));
            Assert.That(duration.Tags["http.response.status_code"], Is.EqualTo(429));
        });
    }

    [Test]
    public async Task No_metric_attribute_carries_the_key()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("k").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503).WithBody(ApiKey));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("k").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(UserJson));

        await Client.Users.WithOptions(new GcoreIamRequestOptions().AddHeader("X-Partner", ApiKey + "-copy")).GetUserAsync(7);

        Assert.That(_measurements, Is.Not.Empty);
        foreach (var (instrument, _, tags) in _measurements)
        {
            foreach (var (key, value) in tags)
            {
                AssertNoKey($"{key}={value}", instrument);
            }
        }
    }
}
