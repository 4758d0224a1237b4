using Gcore.Iam.Http;

namespace Gcore.Iam.Auth;

/// <summary>
/// The session's calls, made with the generated <see cref="AuthClient"/> (and so through the same
/// handlers as every call). Each call carries the session's own credential on its call object
/// (<see cref="GcoreIamRequestOptions.ForSession"/>: none to log in or refresh, the login's access token
/// to select an account), not the client's, and is not renewed after a 401.
/// </summary>
internal sealed class GeneratedJwtCalls(HttpClient httpClient, ClientCallContext context) : IJwtCalls
{
    private static readonly GcoreIamRequestOptions Anonymous = GcoreIamRequestOptions.ForSession(null);

    public async Task<JwtPair> LogInAsync(string username, string password, string? oneTimePassword, CancellationToken cancellationToken) =>
        Pair(await new AuthClient(httpClient, Anonymous, context).LogInAsync(new JwtLogin { Username = username, Password = password, OneTimePassword = oneTimePassword }, cancellationToken).ConfigureAwait(false));

    public async Task<JwtPair> RefreshAsync(string refresh, CancellationToken cancellationToken) =>
        Pair(await new AuthClient(httpClient, Anonymous, context).RefreshTokenAsync(new JwtRefresh { Refresh = refresh }, cancellationToken).ConfigureAwait(false));

    public async Task<JwtPair> SelectAccountAsync(int accountId, JwtPair login, CancellationToken cancellationToken) =>
        Pair(await new AuthClient(httpClient, GcoreIamRequestOptions.ForSession(Credential.Of(login)), context).SelectAccountAsync(accountId, cancellationToken).ConfigureAwait(false));

    private static JwtPair Pair(JwtTokens tokens) =>
        !string.IsNullOrWhiteSpace(tokens.Access) && !string.IsNullOrWhiteSpace(tokens.Refresh)
            ? new JwtPair(tokens.Access, tokens.Refresh)
            : throw new GcoreIamInvalidResponseException("the JWT answer lacks the access or the refresh token.", 200, null, new Dictionary<string, IEnumerable<string>>(), null);
}
