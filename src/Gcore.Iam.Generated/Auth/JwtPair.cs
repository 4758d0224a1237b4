using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Auth;

/// <summary>
/// An access token and its refresh token, with the access token's expiry read from its payload
/// (<c>exp</c>, seconds since 1970) without validating the token: the server validates it, the
/// client only needs to know when to refresh. Never printed: <see cref="ToString"/> hides both.
/// </summary>
internal sealed class JwtPair
{
    public JwtPair(string access, string refresh)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(access);
        ArgumentException.ThrowIfNullOrWhiteSpace(refresh);
        Access = access;
        Refresh = refresh;
        AccessExpires = ExpiryOf(access);
        Authorization = "Bearer " + access;
        Redaction.Remember(access);
        Redaction.Remember(refresh);
    }

    /// <summary>Stops redacting this pair by value once it is replaced (JWT-shaped text stays redacted by its shape).</summary>
    public void Forget()
    {
        Redaction.Forget(Access);
        Redaction.Forget(Refresh);
    }

    public string Access { get; }

    public string Refresh { get; }

    /// <summary>
    /// When the access token expires, or null when that is unknown: Gcore's description types the token
    /// as a string only, so a token that is not a JWT with an <c>exp</c> claim is used as it is, until
    /// Gcore answers 401 (which renews it once, <see cref="JwtSession.RenewAfterUnauthorizedAsync"/>).
    /// </summary>
    public DateTimeOffset? AccessExpires { get; }

    /// <summary>The <c>Authorization</c> header value.</summary>
    public string Authorization { get; }

    public override string ToString() => $"JwtPair {{ AccessExpires = {AccessExpires?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"} }}";

    /// <summary>The <c>exp</c> claim of a JWT's payload, read without checking the signature; null when there is none to read.</summary>
    internal static DateTimeOffset? ExpiryOf(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var text = parts[1].Replace('-', '+').Replace('_', '/');
            text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
            var payload = Encoding.UTF8.GetString(Convert.FromBase64String(text));
            return JToken.Parse(payload) is JObject { } claims && claims["exp"] is { Type: JTokenType.Integer or JTokenType.Float } exp
                ? DateTimeOffset.FromUnixTimeSeconds((long)exp)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }
}
