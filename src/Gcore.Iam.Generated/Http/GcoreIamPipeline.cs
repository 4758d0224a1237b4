using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gcore.Iam.Http;

/// <summary>
/// The handlers every client sends through, outermost first: errors and the call timeout; retries
/// and the attempt timeout; the request headers (key, Accept, User-Agent), set again for each
/// attempt so a rotated key applies to retries; then the transport. Dependency injection adds the
/// same handlers in the same order.
/// </summary>
internal static class GcoreIamPipeline
{
    public static HttpMessageHandler Create(GcoreIamClientOptions options, ApiKeyHolder apiKey, HttpMessageHandler transport)
    {
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(Log.Category);
        return new GcoreIamErrorHandler(() => options, logger)
        {
            InnerHandler = new GcoreIamResilienceHandler(GcoreIamResilience.CreatePipeline(options, logger))
            {
                InnerHandler = new GcoreIamRequestHandler(apiKey, options.AllowInsecureHttp, options.StrictResponses) { InnerHandler = transport },
            },
        };
    }
}
