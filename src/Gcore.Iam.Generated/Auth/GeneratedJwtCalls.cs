namespace Gcore.Iam.Auth;

/// <summary>The session's calls, made with the generated <see cref="AuthClient"/> (and so through the same handlers as every call).</summary>
internal sealed class GeneratedJwtCalls(HttpClient httpClient) : IJwtCalls
{
    private readonly AuthClient _auth = new(httpClient);

    public async Task<JwtPair> LogInAsync(string username, string password, string? oneTimePassword, CancellationToken cancellationToken) =>
        Pair(await _auth.LogInAsync(new JwtLogin { Username = username, Password = password, OneTimePassword = oneTimePassword }, cancellationToken).ConfigureAwait(false));

    public async Task<JwtPair> RefreshAsync(string refresh, CancellationToken cancellationToken) =>
        Pair(await _auth.RefreshTokenAsync(new JwtRefresh { Refresh = refresh }, cancellationToken).ConfigureAwait(false));

    public async Task<JwtPair> SelectAccountAsync(int accountId, CancellationToken cancellationToken) =>
        Pair(await _auth.SelectAccountAsync(accountId, cancellationToken).ConfigureAwait(false));

    private static JwtPair Pair(JwtTokens tokens) =>
        !string.IsNullOrWhiteSpace(tokens.Access) && !string.IsNullOrWhiteSpace(tokens.Refresh)
            ? new JwtPair(tokens.Access, tokens.Refresh)
            : throw new GcoreIamInvalidResponseException("the JWT answer lacks the access or the refresh token.", 200, null, new Dictionary<string, IEnumerable<string>>(), null);
}
