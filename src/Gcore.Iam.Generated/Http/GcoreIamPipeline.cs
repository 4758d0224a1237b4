using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gcore.Iam.Http;

/// <summary>
/// The handlers every client sends through, outermost first: errors and the call timeout; retries
/// and the attempt timeout; the request headers (key, Accept, User-Agent), set again for each
/// attempt so a rotated key applies to retries; then the transport. <see cref="InOrder{T}"/> is the
/// one place this order is written: <see cref="Create"/> builds the chain of a standalone client from
/// it, and <c>AddGcoreIam</c> adds its handlers to the IHttpClientFactory client from it.
/// </summary>
internal static class GcoreIamPipeline
{
    /// <summary>The layers, outermost first, however each is made.</summary>
    public static IReadOnlyList<T> InOrder<T>(T errors, T resilience, T request) => [errors, resilience, request];

    public static HttpMessageHandler Create(GcoreIamClientOptions options, ApiKeyHolder apiKey, HttpMessageHandler transport)
    {
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(Log.Category);
        var layers = InOrder<Func<DelegatingHandler>>(
            () => new GcoreIamErrorHandler(() => options, logger),
            () => new GcoreIamResilienceHandler(GcoreIamResilience.CreatePipeline(options, logger)),
            () => new GcoreIamRequestHandler(apiKey, options.AllowInsecureHttp, options.StrictResponses));
        var handler = transport;
        foreach (var layer in layers.Reverse())
        {
            var outer = layer();
            outer.InnerHandler = handler;
            handler = outer;
        }

        return handler;
    }
}
