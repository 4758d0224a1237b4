using System.Diagnostics;
using System.Net;
using Gcore.Iam.Diagnostics;

namespace Gcore.Iam.Tests.Observability;

/// <summary>With nothing listening, a call starts no span and puts nothing of the telemetry's on the request.</summary>
[TestFixture]
public class NoListenerTests
{
    private sealed class Inspecting : HttpMessageHandler
    {
        public Activity? Current { get; private set; }

        public bool TaggedWithOperation { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Current = Activity.Current;
            // The call's state rides on the call object; nothing is stored under the request's option keys.
            TaggedWithOperation = ((IDictionary<string, object?>)request.Options).Count > 0;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"id":7,"email":"a@example.com","name":null,"phone":null}""", System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }

    [Test]
    public async Task A_call_without_listeners_starts_no_span_and_tags_nothing()
    {
        var transport = new Inspecting();
        using var client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = "4242_NoListenerKey0123456789", BaseUrl = new Uri("https://api.gcore.com") }, transport);
        Assume.That(GcoreIamTelemetry.Source.HasListeners(), Is.False, "another test left a listener attached");
        Assume.That(GcoreIamTelemetry.Retries.Enabled || GcoreIamTelemetry.RequestDuration.Enabled, Is.False, "another test left a meter listener attached");

        var user = await client.Users.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(7));
            Assert.That(transport.Current, Is.Null, "no span was started");
            Assert.That(transport.TaggedWithOperation, Is.False, "the request carries no operation for the metrics");
        });
    }
}
