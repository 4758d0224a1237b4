using System.Net.Http.Headers;
using Gcore.Iam.Auth;

namespace Gcore.Iam.Http;

/// <summary>
/// Adds what every Gcore request carries: <c>Authorization</c> with the credential current at that
/// moment (<c>APIKey &lt;key&gt;</c>, or <c>Bearer &lt;access token&gt;</c> of a JWT session, which
/// may log in or refresh first; nothing for the session's own login and refresh, nor for an operation
/// the spec gives <c>security: []</c>), <c>Accept</c> (<c>*/*</c> where the operation has no body, as Gcore's
/// SDKs send it) and a <c>User-Agent</c>. Refuses, before anything is sent, a request with no key,
/// a key that cannot be a header value, or plain HTTP to a host that is not loopback. Marks the
/// request for strict reading of its answer when <see cref="GcoreIamClientOptions.StrictResponses"/> is on.
/// </summary>
internal sealed class GcoreIamRequestHandler(GcoreIamCredentials credentials, bool allowInsecureHttp, bool strictResponses = false) : DelegatingHandler
{
    private static readonly ProductInfoHeaderValue UserAgent = new("Gcore.Iam.Generated", GcoreIamTelemetry.Version);

    private static readonly MediaTypeWithQualityHeaderValue AnyMediaType = new("*/*");

    /// <summary>
    /// The attempts made for a request beyond its first, counted by <see cref="CountResend"/>; absent
    /// while there was only one, so that a call that is sent once stores nothing.
    /// </summary>
    public static readonly HttpRequestOptionsKey<int> AttemptsKey = new("Gcore.Iam.Attempts");

    /// <summary>The attempts made for <paramref name="request"/>: 1 unless it was sent again.</summary>
    public static int AttemptsOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(AttemptsKey, out var attempts) ? attempts : 1;

    /// <summary>
    /// Counts one more attempt of <paramref name="request"/>, just before it is sent again: by a retry
    /// (<see cref="GcoreIamRetryHandler"/> after its wait; under dependency injection Polly's
    /// <c>OnRetry</c>, before it) or by the renewal of a JWT after a 401 (<see cref="GcoreIamCredentialHandler"/>).
    /// </summary>
    public static void CountResend(HttpRequestMessage request) => request.Options.Set(AttemptsKey, AttemptsOf(request) + 1);

    // Not async while the credential is at hand (an API key, a JWT that is still valid): a call then
    // makes no state machine and no task of its own here.
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            RefuseInsecure(request.RequestUri);
            if (request.Options.TryGetValue(Diagnostics.OperationScope.OperationKey, out var operation) && operation.Anonymous)
            {
                // The spec gives the operation security: [] (the password reset mail): no credential goes with it.
                Prepare(request, null, fromSession: false);
            }
            else if (AuthScope.Current is { } scope)
            {
                Prepare(request, scope.Authorization, fromSession: false);
            }
            else
            {
                var authorization = credentials.AuthorizationAsync(cancellationToken);
                if (!authorization.IsCompletedSuccessfully)
                {
                    return SendWhenAuthorizedAsync(request, authorization, cancellationToken);
                }

                Prepare(request, authorization.Result, fromSession: credentials.Session is not null);
            }
        }
        catch (GcoreIamConfigurationException e)
        {
            return Task.FromException<HttpResponseMessage>(e);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>After a JWT session's login or refresh.</summary>
    private async Task<HttpResponseMessage> SendWhenAuthorizedAsync(HttpRequestMessage request, ValueTask<string> authorization, CancellationToken cancellationToken)
    {
        Prepare(request, await authorization.ConfigureAwait(false), fromSession: credentials.Session is not null);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private void RefuseInsecure(Uri? uri)
    {
        if (uri is not null && uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !allowInsecureHttp)
        {
            throw new GcoreIamConfigurationException(
                $"Refusing to send the credentials over plain HTTP to {uri.Host}. Use https, or set GcoreIamClientOptions.AllowInsecureHttp for a trusted network.");
        }
    }

    private void Prepare(HttpRequestMessage request, string? authorization, bool fromSession)
    {
        if (strictResponses)
        {
            request.Options.Set(Serialization.GcoreIamJson.StrictResponsesKey, true);
        }

        request.Headers.Remove("Authorization");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            if (fromSession)
            {
                // Only a JWT session renews after a 401, and needs to know which token was refused.
                request.Options.Set(GcoreIamCredentialHandler.SentAuthorizationKey, authorization);
            }
        }

        if (request.Headers.Accept.Count == 0)
        {
            request.Headers.Accept.Add(AnyMediaType);
        }

        if (request.Headers.UserAgent.Count == 0)
        {
            request.Headers.UserAgent.Add(UserAgent);
        }
    }
}
