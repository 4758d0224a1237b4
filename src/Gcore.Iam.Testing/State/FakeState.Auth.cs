using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>
/// Gcore's JWT sessions: log in with a user's e-mail address and password (and the one-time password
/// of a user with two-factor authentication), refresh (each refresh token works once, as Gcore's),
/// select an account, and the password reset mail. Issued tokens are real-looking JWTs whose payload
/// carries <c>exp</c>, <c>user_id</c> and <c>client_id</c>; the fake remembers them to check the
/// <c>Authorization: Bearer</c> of later requests by its clock.
/// </summary>
internal sealed partial class FakeState
{
    private readonly Dictionary<string, FakeSession> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeSession> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _passwords = [];
    private readonly string _defaultPassword;
    private readonly string _oneTimePassword;

    /// <summary>Why <paramref name="access"/> is refused (Gcore's 401 sentence), or null with the session it belongs to.</summary>
    public string? CheckAccessToken(string access, DateTimeOffset now, out FakeSession? session)
    {
        session = _accessTokens.TryGetValue(access, out var s) && s.Expires > now ? s : null;
        return session is null ? "Given token not valid for any token type" : null;
    }

    private string PasswordOf(int userId) => _passwords.TryGetValue(userId, out var password) ? password : _defaultPassword;

    private partial FakeAnswer ForgotPassword(FakeContext ctx, PasswordReset request) => ctx.Ok(new JObject { ["status"] = "sent" });

    private partial FakeAnswer LogIn(FakeContext ctx, JwtLogin login)
    {
        var user = Users.FirstOrDefault(u => string.Equals(u.Email, login.Username, StringComparison.OrdinalIgnoreCase));
        if (user is null || user.IsActive == false || !FixedTimeEquals(PasswordOf(user.Id), login.Password))
        {
            // Gcore's LoginFailureNoActiveAccountFound.
            return FakeAnswer.Errors(400, new JObject { ["errors"] = new JArray("No active account found with the given credentials.") });
        }

        if (user.TwoFa == true && !FixedTimeEquals(_oneTimePassword, login.OneTimePassword ?? ""))
        {
            return FakeAnswer.FieldError(400, "one_time_password", "The one-time password is missing or wrong.");
        }

        RecordLogin(user, ctx);
        return ctx.Ok(Issue(user.Id, _account.Id, ctx));
    }

    private partial FakeAnswer RefreshToken(FakeContext ctx, JwtRefresh refresh)
    {
        if (!_refreshTokens.Remove(refresh.Refresh, out var session) || session.Expires <= ctx.Now)
        {
            return FakeAnswer.Message(401, "Token is invalid or expired");
        }

        return ctx.Ok(Issue(session.UserId, session.ClientId, ctx));
    }

    private partial FakeAnswer SelectAccount(FakeContext ctx, int clientId)
    {
        if (ctx.Session is not { } session)
        {
            return FakeAnswer.Message(401, "Selecting an account needs the access token of a login (Authorization: Bearer ...).");
        }

        var member = Users.FirstOrDefault(u => u.Id == session.UserId)?.ClientAndRoles?.Any(c => c.ClientId == clientId) == true || clientId == _account.Id;
        return member ? ctx.Ok(Issue(session.UserId, clientId, ctx)) : FakeAnswer.NotFound("Account");
    }

    private JwtTokens Issue(int userId, int clientId, FakeContext ctx)
    {
        var (accessExpires, refreshExpires) = (ctx.Now + ctx.Server.AccessTokenLifetime, ctx.Now + ctx.Server.RefreshTokenLifetime);
        var access = Jwt("access", userId, clientId, accessExpires);
        var refresh = Jwt("refresh", userId, clientId, refreshExpires);
        _accessTokens[access] = new FakeSession(userId, clientId, accessExpires);
        _refreshTokens[refresh] = new FakeSession(userId, clientId, refreshExpires);
        return new JwtTokens { Access = access, Refresh = refresh };
    }

    private static string Jwt(string type, int userId, int clientId, DateTimeOffset expires)
    {
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}""");
        var payload = Base64Url(new JObject
        {
            ["token_type"] = type,
            ["exp"] = expires.ToUnixTimeSeconds(),
            ["jti"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            ["user_id"] = userId,
            ["client_id"] = clientId,
        }.ToString(Newtonsoft.Json.Formatting.None));
        return $"{header}.{payload}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
    }

    private static string Base64Url(string text) => Base64Url(Encoding.UTF8.GetBytes(text));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}

/// <summary>Whom an issued token belongs to, and until when it is good.</summary>
internal sealed record FakeSession(int UserId, int ClientId, DateTimeOffset Expires);
