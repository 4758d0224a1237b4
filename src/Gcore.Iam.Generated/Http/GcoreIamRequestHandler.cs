using System.Net.Http.Headers;

namespace Gcore.Iam.Http;

/// <summary>
/// Adds what every Gcore request carries: <c>Authorization</c> with the credential current at that
/// moment (<c>APIKey &lt;key&gt;</c>, or <c>Bearer &lt;access token&gt;</c> of a JWT session, which
/// may log in or refresh first; nothing for the session's own login and refresh), <c>Accept</c> (<c>*/*</c> where the operation has no body, as Gcore's
/// SDKs send it) and a <c>User-Agent</c>. Refuses, before anything is sent, a request with no key,
/// a key that cannot be a header value, or plain HTTP to a host that is not loopback. Writes the
/// credential it sent on the call (<see cref="GcoreIamCall.Sent"/>), where the JWT renewal and the
/// redaction of messages read it.
/// </summary>
internal sealed class GcoreIamRequestHandler(GcoreIamCredentials credentials, bool allowInsecureHttp) : DelegatingHandler
{
    private static readonly ProductInfoHeaderValue UserAgent = new("Gcore.Iam.Generated", GcoreIamTelemetry.Version);

    private static readonly MediaTypeWithQualityHeaderValue AnyMediaType = new("*/*");

    // Not async while the credential is at hand (an API key, a JWT that is still valid): a call then
    // makes no state machine and no task of its own here.
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = GcoreIamCall.Of(request);
        try
        {
            RefuseInsecure(request.RequestUri);
            call?.BeginAttempt();
            if (call is { IsSessionCall: true })
            {
                Prepare(request, call, call.SessionAuthorization, fromSession: false);
            }
            else
            {
                var credential = credentials.CurrentAsync(cancellationToken);
                if (!credential.IsCompletedSuccessfully)
                {
                    return SendWhenAuthorizedAsync(request, call, credential, cancellationToken);
                }

                Prepare(request, call, credential.Result, fromSession: credentials.Session is not null);
            }
        }
        catch (GcoreIamConfigurationException e)
        {
            return Task.FromException<HttpResponseMessage>(e);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>After a JWT session's login or refresh.</summary>
    private async Task<HttpResponseMessage> SendWhenAuthorizedAsync(HttpRequestMessage request, GcoreIamCall? call, ValueTask<Credential> credential, CancellationToken cancellationToken)
    {
        Prepare(request, call, await credential.ConfigureAwait(false), fromSession: credentials.Session is not null);
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

    private static void Prepare(HttpRequestMessage request, GcoreIamCall? call, Credential? credential, bool fromSession)
    {
        request.Headers.Remove("Authorization");
        if (credential is { } sent)
        {
            request.Headers.TryAddWithoutValidation("Authorization", sent.Header);
        }

        call?.Sent(credential, fromSession && credential is not null);
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
