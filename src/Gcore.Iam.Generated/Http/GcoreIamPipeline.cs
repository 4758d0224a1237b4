namespace Gcore.Iam.Http;

/// <summary>
/// The handlers every client sends through, outermost first: errors and the call timeout, then the
/// request headers (key, Accept, User-Agent), then the transport. Dependency injection adds the
/// same handlers in the same order.
/// </summary>
internal static class GcoreIamPipeline
{
    public static HttpMessageHandler Create(GcoreIamClientOptions options, ApiKeyHolder apiKey, HttpMessageHandler transport) =>
        new GcoreIamErrorHandler(() => options.Timeout)
        {
            InnerHandler = new GcoreIamRequestHandler(apiKey, options.AllowInsecureHttp) { InnerHandler = transport },
        };
}
