using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>Permanent API tokens: list (with its filters), create (the secret shown once), get, delete.</summary>
internal sealed partial class FakeState
{
    private partial FakeAnswer ListApiTokens(FakeContext ctx, int clientId, bool? deleted, int? issuedBy, int? notIssuedBy, string? role) =>
        !IsOwnAccount(clientId) ? FakeAnswer.Forbidden() : ctx.Ok(Tokens
            .Where(t => deleted == true || t.Deleted != true)
            .Where(t => issuedBy is null || t.ClientUser?.UserId == issuedBy)
            .Where(t => notIssuedBy is null || t.ClientUser?.UserId != notIssuedBy)
            .Where(t => string.IsNullOrEmpty(role) || string.Equals(t.ClientUser?.Role?.Name?.Value, role, StringComparison.OrdinalIgnoreCase))
            .ToList());

    private partial FakeAnswer GetApiToken(FakeContext ctx, int clientId, int tokenId) => OwnToken(clientId, tokenId, ctx.Ok);

    private partial FakeAnswer DeleteApiToken(FakeContext ctx, int clientId, int tokenId) => OwnToken(clientId, tokenId, token =>
    {
        token.Deleted = true;
        return ctx.Ok();
    });

    /// <summary>403 unless the path's account is the key's, 404 unless the token is one of its own (and not deleted).</summary>
    private FakeAnswer OwnToken(int clientId, int tokenId, Func<ApiToken, FakeAnswer> handle) =>
        !IsOwnAccount(clientId) ? FakeAnswer.Forbidden()
            : Tokens.FirstOrDefault(t => t.Id == tokenId && t.Deleted != true) is { } token ? handle(token) : FakeAnswer.NotFound("API token");

    private partial FakeAnswer CreateApiToken(FakeContext ctx, int clientId, ApiTokenCreate token)
    {
        if (!IsOwnAccount(clientId))
        {
            return FakeAnswer.Forbidden();
        }

        if (string.IsNullOrWhiteSpace(token.Name))
        {
            return FakeAnswer.FieldError(400, "name", "This field may not be blank.");
        }

        DateTimeOffset? expires = null;
        if (token.ExpDate is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return FakeAnswer.FieldError(400, "exp_date", "Datetime has wrong format. Use RFC 3339, such as 2030-01-31T00:00:00Z.");
            }

            expires = parsed;
        }

        if (token.ClientUser?.Role?.Id is not { } roleId || UserGroup.FindKnown(roleId) is null)
        {
            return FakeAnswer.Errors(422, new JObject { ["client_user"] = new JObject { ["role"] = new JArray($"Invalid role: {token.ClientUser?.Role?.Id}") } });
        }

        if (expires <= ctx.Now)
        {
            return FakeAnswer.FieldError(422, "exp_date", "The expiry date must be in the future.");
        }

        var id = Tokens.Count == 0 ? 1 : Tokens.Max(t => t.Id) + 1;
        var issued = GcoreIamFakeSeed.NewToken(_account, Users, id, token.Name, token.Description, roleId, ctx.Timestamp, token.ExpDate);
        Tokens.Add(issued);

        var created = Newtonsoft.Json.JsonConvert.DeserializeObject<JObject>(FakeJson.Serialize(issued), FakeJson.Settings)!;
        created["token"] = FormattableString.Invariant($"{id}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant()}");
        return ctx.Ok(created);
    }
}
