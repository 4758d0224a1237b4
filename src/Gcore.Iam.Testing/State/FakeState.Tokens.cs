using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>Permanent API tokens: list (with its filters), create (the secret shown once), get, delete.</summary>
internal sealed partial class FakeState
{
    private partial FakeAnswer ListApiTokens(FakeContext ctx) => OwnAccount(ctx, ListTokens);

    private partial FakeAnswer CreateApiToken(FakeContext ctx) => OwnAccount(ctx, CreateToken);

    private partial FakeAnswer GetApiToken(FakeContext ctx) =>
        OwnAccount(ctx, c => FindToken(c.Path("tokenId")) is { } token ? ctx.Ok(token) : FakeAnswer.NotFound("API token"));

    private partial FakeAnswer DeleteApiToken(FakeContext ctx) => OwnAccount(ctx, DeleteToken);

    /// <summary>403 unless the path's <c>clientId</c> is the key's account.</summary>
    private FakeAnswer OwnAccount(FakeContext ctx, Func<FakeContext, FakeAnswer> handle) =>
        IsOwnAccount(ctx.Path("clientId")) ? handle(ctx) : FakeAnswer.Forbidden();

    private FakeAnswer ListTokens(FakeContext ctx)
    {
        var deleted = ctx.QueryBool("deleted") ?? false;
        var issuedBy = ctx.QueryInt("issued_by");
        var notIssuedBy = ctx.QueryInt("not_issued_by");
        ctx.Query.TryGetValue("role", out var role);
        return ctx.Ok(Tokens
            .Where(t => deleted || t.Deleted != true)
            .Where(t => issuedBy is null || t.ClientUser?.UserId == issuedBy)
            .Where(t => notIssuedBy is null || t.ClientUser?.UserId != notIssuedBy)
            .Where(t => string.IsNullOrEmpty(role) || string.Equals(t.ClientUser?.Role?.Name?.Value, role, StringComparison.OrdinalIgnoreCase))
            .ToList());
    }

    private FakeAnswer CreateToken(FakeContext ctx)
    {
        var request = ctx.BodyAs<ApiTokenCreate>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return FakeAnswer.FieldError(400, "name", "This field may not be blank.");
        }

        if (request.ExpDate is { } text
            && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
        {
            return FakeAnswer.FieldError(400, "exp_date", "Datetime has wrong format. Use RFC 3339, such as 2030-01-31T00:00:00Z.");
        }

        var roleId = request.ClientUser?.Role?.Id;
        if (roleId is null || UserGroup.FindKnown(roleId.Value) is not { } group)
        {
            return FakeAnswer.Errors(422, new JObject { ["client_user"] = new JObject { ["role"] = new JArray($"Invalid role: {roleId}") } });
        }

        if (request.ExpDate is { } expires && DateTimeOffset.Parse(expires, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) <= ctx.Now)
        {
            return FakeAnswer.FieldError(422, "exp_date", "The expiry date must be in the future.");
        }

        var id = Tokens.Count == 0 ? 1 : Tokens.Max(t => t.Id) + 1;
        var issuer = Users.FirstOrDefault(u => u.Id == _account.CurrentUser);
        var token = new ApiToken
        {
            Id = id,
            Name = request.Name,
            Description = request.Description,
            Created = ctx.Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ExpDate = request.ExpDate,
            Expired = false,
            Deleted = false,
            LastUsage = null,
            ClientUser = new ApiTokenUser
            {
                ClientId = _account.Id,
                UserId = issuer?.Id ?? _account.CurrentUser,
                UserEmail = issuer?.Email ?? _account.Email,
                UserName = issuer?.Name,
                Deleted = false,
                Role = group,
            },
        };
        Tokens.Add(token);

        var created = Newtonsoft.Json.JsonConvert.DeserializeObject<JObject>(FakeJson.Serialize(token), FakeJson.Settings)!;
        created["token"] = string.Create(CultureInfo.InvariantCulture, $"{id}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant()}");
        return ctx.Ok(created);
    }

    private FakeAnswer DeleteToken(FakeContext ctx)
    {
        if (FindToken(ctx.Path("tokenId")) is not { } token)
        {
            return FakeAnswer.NotFound("API token");
        }

        token.Deleted = true;
        return ctx.Ok();
    }

    private ApiToken? FindToken(int id) => Tokens.FirstOrDefault(t => t.Id == id && t.Deleted != true);
}
