using System.Net;

namespace Gcore.Iam.Http;

/// <summary>
/// With a JWT session: when Gcore answers 401 to a request that carried the session's access token
/// (one that expired earlier than its <c>exp</c> said, or was revoked), renews it once and sends the
/// request once more. Whatever the operation's resend rule: a 401 means Gcore refused the request
/// without acting on it, so the second sending cannot apply a change twice (it is counted as an attempt
/// that did not act, <see cref="GcoreIamCall.CountResend"/>). Sits above the retries, so the second
/// sending is a call of its own with the new token. With an API key, for the session's own calls, and
/// for a request the library did not make, it passes everything through.
/// </summary>
internal sealed class GcoreIamCredentialHandler(GcoreIamCredentials credentials) : DelegatingHandler
{
    // With an API key, and for the session's own calls, the request passes straight through (no
    // state machine, no task of this handler's own).
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        credentials.Session is null || GcoreIamCall.Of(request) is not { IsSessionCall: false } call
            ? base.SendAsync(request, cancellationToken)
            : SendRenewingAsync(call, cancellationToken);

    private async Task<HttpResponseMessage> SendRenewingAsync(GcoreIamCall call, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(call, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized
            || credentials.Session is not { } session
            || !call.SentBySession
            || call.SentAuthorization is not { } sent)
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
        call.CountResend(earlierMayHaveActed: false);
        return await base.SendAsync(call, cancellationToken).ConfigureAwait(false);
    }
}
