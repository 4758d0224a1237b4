using System.Net;
using Gcore.Iam.Auth;

namespace Gcore.Iam.Http;

/// <summary>
/// With a JWT session: when Gcore answers 401 (an access token that expired earlier than its
/// <c>exp</c> said, or was revoked), renews it once and sends the request once more. Sits above the
/// retries, so the second sending is a call of its own with the new token. With an API key, or for
/// the session's own calls, it passes everything through.
/// </summary>
internal sealed class GcoreIamCredentialHandler(GcoreIamCredentials credentials) : DelegatingHandler
{
    /// <summary>The <c>Authorization</c> value the last attempt was sent with (set by <see cref="GcoreIamRequestHandler"/>).</summary>
    internal static readonly HttpRequestOptionsKey<string> SentAuthorizationKey = new("Gcore.Iam.SentAuthorization");

    // With an API key, and for the session's own calls, the request passes straight through (no
    // state machine, no task of this handler's own).
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        credentials.Session is null || AuthScope.Current is not null
            ? base.SendAsync(request, cancellationToken)
            : SendRenewingAsync(request, cancellationToken);

    private async Task<HttpResponseMessage> SendRenewingAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || credentials.Session is not { } session
            || !request.Options.TryGetValue(SentAuthorizationKey, out var sent))
        {
            return response;
        }

        bool renewed;
        try
        {
            renewed = await session.RenewAfterUnauthorizedAsync(sent, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The renewal failed (an ended session, the network, a cancellation): the 401 is not returned.
            response.Dispose();
            throw;
        }

        if (!renewed)
        {
            return response;
        }

        response.Dispose();
        GcoreIamRequestHandler.CountResend(request);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
