using Gcore.Iam.Http;
using Gcore.Iam.Serialization;

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
        Pair(await new AuthClient(httpClient, Anonymous, context).LogInAsync(new JwtLogin { Username = username, Password = password, OneTimePassword = oneTimePassword }, cancellationToken).ConfigureAwait(false), AuthClient.LogInOperation_);

    public async Task<JwtPair> RefreshAsync(string refresh, CancellationToken cancellationToken) =>
        Pair(await new AuthClient(httpClient, Anonymous, context).RefreshTokenAsync(new JwtRefresh { Refresh = refresh }, cancellationToken).ConfigureAwait(false), AuthClient.RefreshTokenOperation_);

    public async Task<JwtPair> SelectAccountAsync(int accountId, JwtPair login, CancellationToken cancellationToken) =>
        Pair(await new AuthClient(httpClient, GcoreIamRequestOptions.ForSession(Credential.Of(login)), context).SelectAccountAsync(accountId, cancellationToken).ConfigureAwait(false), AuthClient.SelectAccountOperation_);

    /// <summary>
    /// The pair of a JWT answer. Gcore's description types both tokens only as strings; one that cannot be
    /// sent back in an <c>Authorization</c> header (empty, or with spaces, control or non-ASCII characters)
    /// is an invalid answer that names it, instead of a failure of the next request.
    /// </summary>
    private static JwtPair Pair(JwtTokens tokens, Diagnostics.GcoreIamOperation answered)
    {
        var operation = AnswerMembers.Describe(answered);
        var problem = Unusable(tokens.Access, "access", operation) ?? Unusable(tokens.Refresh, "refresh", operation);
        return problem is null
            ? new JwtPair(tokens.Access, tokens.Refresh)
            : throw new GcoreIamInvalidResponseException(
                $"{problem}: a login needs two tokens that can be sent in a header (visible ASCII characters).",
                200, null, new Dictionary<string, IEnumerable<string>>(), null,
                "If Gcore sent this answer, its API changed: report it to the client's maintainers; meanwhile use an API key (GCORE_API_KEY).");
    }

    private static string? Unusable(string? token, string member, string operation) =>
        string.IsNullOrEmpty(token) ? $"'{member}' of the answer of {operation} is empty"
            : token.Any(c => c is <= ' ' or > '~') ? $"'{member}' of the answer of {operation} has a space, a control or a non-ASCII character"
            : null;
}
