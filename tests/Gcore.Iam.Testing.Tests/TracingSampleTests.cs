// This file mirrors the sample of docs/tracing-and-metrics.md: if you change one, change the other.
using Gcore.Iam;
using Gcore.Iam.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MyCompany.Tests;

[TestFixture]
[NonParallelizable] // it redirects Console.Out to read what the console exporter wrote
public class TracingSampleTests
{
    [Test]
    public async Task Exports_the_trace_and_metrics_of_a_retried_call_to_the_console()
    {
        string key;
        var console = new StringWriter();
        var original = Console.Out;
        Console.SetOut(console);
        try
        {
            // --- sample (docs/tracing-and-metrics.md) ---
            await using var fake = GcoreIamFakeServer.Start();
            key = fake.ApiKey;
            fake.FailNext(FakeFault.ServerError(503), times: 1, operation: FakeOperation.GetUser); // the first attempt fails

            using (var tracing = Sdk.CreateTracerProviderBuilder()
                .AddSource(GcoreIamTelemetry.ActivitySourceName)            // "Gcore.Iam"
                .AddSource("System.Net.Http")                               // HttpClient's own spans (.NET 9 and later), one per attempt
                .AddConsoleExporter()
                .Build())
            using (var metrics = Sdk.CreateMeterProviderBuilder()
                .AddMeter(GcoreIamTelemetry.MeterName)                      // "Gcore.Iam"
                .AddConsoleExporter()
                .Build())
            {
                using var gcore = fake.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(10));
                var user = await gcore.Users.GetUserAsync(4);                // retried once, then 200
                Console.WriteLine($"got {user.Email}");
            }                                                               // disposing flushes both exporters
            // --- end of sample ---
        }
        finally
        {
            Console.SetOut(original);
        }

        var output = console.ToString();
        await TestContext.Out.WriteLineAsync(output);
        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("Activity.DisplayName:        Gcore.Iam.Users.GetUser"));
            Assert.That(output, Does.Contain("http.request.resend_count: 1"));
            var gcoreSpan = System.Text.RegularExpressions.Regex.Match(output, @"Activity.SpanId:\s+(\w+)\s+Activity.TraceFlags:\s+\w+\s+Activity.DisplayName:\s+Gcore.Iam.Users.GetUser").Groups[1].Value;
            Assert.That(gcoreSpan, Is.Not.Empty);
            Assert.That(output.Split($"Activity.ParentSpanId:       {gcoreSpan}").Length - 1, Is.EqualTo(2), "one HttpClient span per attempt, under the operation's");
            Assert.That(output, Does.Contain("http.response.status_code: 200"));
            Assert.That(output, Does.Contain("gcore.iam.retry"));
            Assert.That(output, Does.Contain("gcore.request_id: "));
            Assert.That(output, Does.Contain("gcore.iam.client.request.duration"));
            Assert.That(output, Does.Contain("gcore.iam.client.retries"));
            Assert.That(output, Does.Not.Contain(key), "the key is never exported");
        });
    }
}
