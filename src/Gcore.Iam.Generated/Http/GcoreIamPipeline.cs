using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Http;

/// <summary>
/// The handlers every client sends through, outermost first (the call timeout and the error mapping are
/// not among them: the call object owns them, <see cref="GcoreIamCall.SendAsync"/>): a JWT session's renewal after a 401 (one more sending with the new token); retries and the attempt
/// timeout (<see cref="GcoreIamRetryHandler"/> here, Polly under dependency injection); the request headers (credential, Accept, User-Agent), set again for each attempt so a
/// rotated key or a refreshed token applies to retries; then the transport. <see cref="InOrder{T}"/> is the
/// one place this order is written: <see cref="Create"/> builds the chain of a standalone client from
/// it, and <c>AddGcoreIam</c> adds its handlers to the IHttpClientFactory client from it.
/// </summary>
internal static class GcoreIamPipeline
{
    /// <summary>The layers, outermost first, however each is made.</summary>
    public static IReadOnlyList<T> InOrder<T>(T credentialRenewal, T resilience, T request) => [credentialRenewal, resilience, request];

    public static HttpMessageHandler Create(GcoreIamClientOptions options, GcoreIamCredentials credentials, HttpMessageHandler transport, ILogger logger)
    {
        var layers = InOrder<DelegatingHandler>(
            new GcoreIamCredentialHandler(credentials),
            new GcoreIamRetryHandler(options, logger),
            new GcoreIamRequestHandler(credentials, options.AllowInsecureHttp));
        var handler = transport;
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            layers[i].InnerHandler = handler;
            handler = layers[i];
        }

        return handler;
    }
}
