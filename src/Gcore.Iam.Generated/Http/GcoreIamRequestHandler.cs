using System.Net.Http.Headers;
using System.Reflection;

namespace Gcore.Iam.Http;

/// <summary>
/// Adds what every Gcore request carries: <c>Authorization: APIKey &lt;key&gt;</c> with the key
/// current at that moment, <c>Accept</c> (<c>*/*</c> where the operation has no body, as Gcore's
/// SDKs send it) and a <c>User-Agent</c>. Refuses, before anything is sent, a request with no key,
/// a key that cannot be a header value, or plain HTTP to a host that is not loopback. Marks the
/// request for strict reading of its answer when <see cref="GcoreIamClientOptions.StrictResponses"/> is on.
/// </summary>
internal sealed class GcoreIamRequestHandler(ApiKeyHolder apiKey, bool allowInsecureHttp, bool strictResponses = false) : DelegatingHandler
{
    private static readonly ProductInfoHeaderValue UserAgent = new(
        "Gcore.Iam.Generated",
        typeof(GcoreIamRequestHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    private static readonly MediaTypeWithQualityHeaderValue AnyMediaType = new("*/*");

    /// <summary>How many times the request went through this handler: the attempts, counting retries.</summary>
    public static readonly HttpRequestOptionsKey<int> AttemptsKey = new("Gcore.Iam.Attempts");

    /// <summary>The attempts made for <paramref name="request"/> (at least 1 once it was sent).</summary>
    public static int AttemptsOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(AttemptsKey, out var attempts) ? attempts : 0;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = apiKey.Snapshot;
        if (key.Header is null)
        {
            throw new GcoreIamConfigurationException(key.Problem!);
        }

        var uri = request.RequestUri;
        if (uri is not null && uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !allowInsecureHttp)
        {
            throw new GcoreIamConfigurationException(
                $"Refusing to send the API key over plain HTTP to {uri.Host}. Use https, or set GcoreIamClientOptions.AllowInsecureHttp for a trusted network.");
        }

        request.Options.TryGetValue(AttemptsKey, out var attempts);
        request.Options.Set(AttemptsKey, attempts + 1);
        if (strictResponses)
        {
            request.Options.Set(Serialization.GcoreIamJson.StrictResponsesKey, true);
        }

        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", key.Header);
        if (request.Headers.Accept.Count == 0)
        {
            request.Headers.Accept.Add(AnyMediaType);
        }

        if (request.Headers.UserAgent.Count == 0)
        {
            request.Headers.UserAgent.Add(UserAgent);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
