using System.Globalization;
using System.Security.Cryptography;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock;

namespace Gcore.Iam.Testing;

/// <summary>
/// The fake's data and the operations on it. Every method runs under the server's lock.
/// Status conventions: 400 for a body that is not JSON, has the wrong types or lacks a required
/// field; 422 for a well-formed body whose values are refused (an unknown group, a taken e-mail,
/// an expiry in the past); 403 for another account's id; 404 for an unknown id.
/// </summary>
internal sealed class FakeState
{
    private const int MaxPageSize = 1000;

    private static readonly string[] NoData = ["No data provided."];

    private readonly AccountOverview _account;

    public FakeState(GcoreIamFakeSeed seed)
    {
        _account = FakeJson.Clone(seed.Account);
        Users = seed.Users.Select(FakeJson.Clone).ToList();
        Tokens = seed.ApiTokens.Select(FakeJson.Clone).ToList();
    }

    public List<User> Users { get; }

    public List<ApiToken> Tokens { get; }

    public ResponseMessage Handle(FakeContext ctx)
    {
        var route = ctx.Route;
        if (route.MethodNotAllowed)
        {
            return Error(ctx, 405, $"Method \"{route.Method}\" not allowed.");
        }

        return route.Operation switch
        {
            FakeOperation.ListUsers => ListUsers(ctx),
            FakeOperation.GetUser => GetUser(ctx),
            FakeOperation.UpdateUser => UpdateUser(ctx),
            FakeOperation.RevokeAccess => RevokeAccess(ctx),
            FakeOperation.InviteUser => InviteUser(ctx),
            FakeOperation.GetAccountOverview => Ok(ctx, AccountOverview(ctx)),
            FakeOperation.ListApiTokens => ListTokens(ctx),
            FakeOperation.CreateApiToken => CreateToken(ctx),
            FakeOperation.GetApiToken => GetToken(ctx),
            FakeOperation.DeleteApiToken => DeleteToken(ctx),
            _ => Error(ctx, 404, "Not found."),
        };
    }

    private ResponseMessage ListUsers(FakeContext ctx)
    {
        var errors = new Dictionary<string, object>();
        int? limit = null;
        var offset = 0;
        if (ctx.Query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) || l < 1 || l > MaxPageSize)
            {
                errors["limit"] = new[] { $"Ensure this value is a whole number from 1 to {MaxPageSize}." };
            }
            else
            {
                limit = l;
            }
        }

        if (ctx.Query.TryGetValue("offset", out var offsetText)
            && (!int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            errors["offset"] = new[] { "Ensure this value is a whole number of at least 0." };
        }

        if (errors.Count > 0)
        {
            return Invalid(ctx, 400, "Invalid query parameters.", errors);
        }

        if (limit is null)
        {
            // The live API's quirk: without limit, a bare array of every user (offset is ignored).
            return Ok(ctx, Users.Select(u => Outgoing(u, ctx)).ToList());
        }

        var count = Users.Count;
        var page = new UserPage
        {
            Count = count,
            Results = Users.Skip(offset).Take(limit.Value).Select(u => Outgoing(u, ctx)).ToList(),
            Next = offset + limit.Value < count ? PageUrl(ctx, limit.Value, offset + limit.Value) : null,
            Previous = offset > 0 ? PageUrl(ctx, limit.Value, Math.Max(0, offset - limit.Value)) : null,
        };
        return Ok(ctx, page);
    }

    private static string PageUrl(FakeContext ctx, int limit, int offset) =>
        new Uri(ctx.BaseUrl, string.Create(CultureInfo.InvariantCulture, $"iam/users?limit={limit}&offset={offset}")).ToString();

    private ResponseMessage GetUser(FakeContext ctx) =>
        FindUser(ctx.Route.Id) is { } user ? Ok(ctx, Outgoing(user, ctx)) : Error(ctx, 404, "User not found.");

    private ResponseMessage UpdateUser(FakeContext ctx)
    {
        var user = FindUser(ctx.Route.Id);
        if (user is null)
        {
            return Error(ctx, 404, "User not found.");
        }

        if (!TryReadObject(ctx, out var body, out var failure))
        {
            return failure;
        }

        var errors = new Dictionary<string, object>();
        var changes = new List<Action>();
        foreach (var property in body.Properties())
        {
            var value = property.Value;
            switch (property.Name)
            {
                case "email":
                    if (value.Type != JTokenType.String || !LooksLikeEmail((string)value!))
                    {
                        errors["email"] = new[] { "Enter a valid email address." };
                    }
                    else if (Users.Any(u => u.Id != user.Id && string.Equals(u.Email, (string)value!, StringComparison.OrdinalIgnoreCase)))
                    {
                        errors["email"] = new[] { "A user with this email already exists." };
                    }
                    else
                    {
                        var email = (string)value!;
                        changes.Add(() => user.Email = email);
                    }

                    break;
                case "name":
                case "phone":
                    if (value.Type is not (JTokenType.String or JTokenType.Null))
                    {
                        errors[property.Name] = new[] { "Not a valid string." };
                    }
                    else if (value.Type == JTokenType.String && ((string)value!).Length > 255)
                    {
                        errors[property.Name] = new[] { "Ensure this field has no more than 255 characters." };
                    }
                    else
                    {
                        var text = value.Type == JTokenType.Null ? null : (string?)value;
                        if (property.Name == "name")
                        {
                            changes.Add(() => user.Name = text);
                        }
                        else
                        {
                            changes.Add(() => user.Phone = text);
                        }
                    }

                    break;
                case "lang":
                    if (value.Type != JTokenType.String || !UserLanguage.KnownValues.Any(l => l.Value == (string)value!))
                    {
                        errors["lang"] = new[] { $"\"{value}\" is not a valid choice." };
                    }
                    else
                    {
                        var lang = new UserLanguage((string)value!);
                        changes.Add(() => user.Lang = lang);
                    }

                    break;
                case "auth_types":
                    if (value is not JArray items || items.Any(i => i.Type != JTokenType.String || !AuthType.KnownValues.Any(a => a.Value == (string)i!)))
                    {
                        errors["auth_types"] = new[] { "Expected a list of: " + string.Join(", ", AuthType.KnownValues) + "." };
                    }
                    else
                    {
                        var types = items.Select(i => new AuthType((string)i!)).ToList();
                        changes.Add(() => user.AuthTypes = types);
                    }

                    break;
                default:
                    // Like the live API: members it does not know are ignored.
                    break;
            }
        }

        if (errors.Count > 0)
        {
            return Invalid(ctx, 400, "Invalid input.", errors);
        }

        changes.ForEach(change => change());
        return Ok(ctx, Outgoing(user, ctx));
    }

    private ResponseMessage RevokeAccess(FakeContext ctx)
    {
        if (ctx.Route.ClientId != _account.Id)
        {
            return Error(ctx, 403, "You do not have permission to perform this action.");
        }

        var user = FindUser(ctx.Route.Id);
        if (user is null)
        {
            return Error(ctx, 404, "User not found.");
        }

        Users.Remove(user);
        return GcoreIamFakeServer.NoContent(ctx.RequestId);
    }

    private ResponseMessage InviteUser(FakeContext ctx)
    {
        if (!TryReadObject(ctx, out var body, out var failure))
        {
            return failure;
        }

        var errors = new Dictionary<string, object>();
        var clientId = RequiredInt(body, "client_id", errors);
        var email = body["email"];
        if (email is null)
        {
            errors["email"] = new[] { "This field is required." };
        }
        else if (email.Type != JTokenType.String || !LooksLikeEmail((string)email!))
        {
            errors["email"] = new[] { "Enter a valid email address." };
        }

        int? roleId = null;
        if (body["user_role"] is not { } role)
        {
            errors["user_role"] = new[] { "This field is required." };
        }
        else if (role is not JObject roleObject || roleObject["id"] is not { Type: JTokenType.Integer } idToken)
        {
            errors["user_role"] = new[] { "Expected an object with an integer id." };
        }
        else
        {
            roleId = (int)idToken;
        }

        UserLanguage? lang = null;
        if (body["lang"] is { } langToken && langToken.Type != JTokenType.Null)
        {
            if (langToken.Type != JTokenType.String || !UserLanguage.KnownValues.Any(l => l.Value == (string)langToken!))
            {
                errors["lang"] = new[] { $"\"{langToken}\" is not a valid choice." };
            }
            else
            {
                lang = new UserLanguage((string)langToken!);
            }
        }

        string? name = null;
        if (body["name"] is { } nameToken && nameToken.Type != JTokenType.Null)
        {
            if (nameToken.Type != JTokenType.String)
            {
                errors["name"] = new[] { "Not a valid string." };
            }
            else
            {
                name = (string)nameToken!;
            }
        }

        if (errors.Count > 0)
        {
            return Invalid(ctx, 400, "Invalid input.", errors);
        }

        if (clientId != _account.Id)
        {
            return Error(ctx, 403, "You do not have permission to perform this action.");
        }

        var address = (string)email!;
        var group = GcoreIamFakeSeed.GroupById(roleId!.Value);
        if (group is null)
        {
            errors["user_role"] = new[] { $"Unknown group id {roleId}." };
        }

        if (Users.Any(u => string.Equals(u.Email, address, StringComparison.OrdinalIgnoreCase)))
        {
            errors["email"] = new[] { "A user with this email already exists." };
        }

        if (errors.Count > 0)
        {
            return Invalid(ctx, 422, "The invitation was refused.", errors);
        }

        var id = Users.Count == 0 ? 1 : Users.Max(u => u.Id) + 1;
        var user = GcoreIamFakeSeed.NewUser(_account, id, address, name, lang ?? UserLanguage.En, group!.Id, activated: false);
        Users.Add(user);
        return Ok(ctx, new UserInviteResult { Status = "sent", UserId = id });
    }

    private AccountOverview AccountOverview(FakeContext ctx)
    {
        var account = FakeJson.Clone(_account);
        account.Users = Users.Select(u => Outgoing(u, ctx)).Select(u => new AccountUser
        {
            Id = u.Id,
            Email = u.Email,
            Name = u.Name,
            Phone = u.Phone,
            Lang = u.Lang,
            Deleted = u.Deleted,
            Activated = u.Activated,
            SsoAuth = u.SsoAuth,
            TwoFa = u.TwoFa,
            Company = u.Company,
            Reseller = u.Reseller,
            Client = u.Client,
            AuthTypes = u.AuthTypes,
            Groups = u.Groups,
        }).ToList();
        if (ctx.UnknownEnums)
        {
            account.Capabilities = [.. account.Capabilities ?? [], new Capability("WAAP")];
        }

        return account;
    }

    private ResponseMessage ListTokens(FakeContext ctx)
    {
        if (ctx.Route.ClientId != _account.Id)
        {
            return Error(ctx, 403, "You do not have permission to perform this action.");
        }

        var errors = new Dictionary<string, object>();
        var deleted = false;
        if (ctx.Query.TryGetValue("deleted", out var deletedText))
        {
            switch (deletedText.ToUpperInvariant())
            {
                case "TRUE" or "1":
                    deleted = true;
                    break;
                case "FALSE" or "0":
                    break;
                default:
                    errors["deleted"] = new[] { "Must be a valid boolean." };
                    break;
            }
        }

        var issuedBy = QueryInt(ctx, "issued_by", errors);
        var notIssuedBy = QueryInt(ctx, "not_issued_by", errors);
        ctx.Query.TryGetValue("role", out var role);
        if (errors.Count > 0)
        {
            return Invalid(ctx, 400, "Invalid query parameters.", errors);
        }

        var tokens = Tokens
            .Where(t => deleted || t.Deleted != true)
            .Where(t => issuedBy is null || t.ClientUser?.UserId == issuedBy)
            .Where(t => notIssuedBy is null || t.ClientUser?.UserId != notIssuedBy)
            .Where(t => string.IsNullOrEmpty(role) || string.Equals(t.ClientUser?.Role?.Name?.Value, role, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return Ok(ctx, tokens);
    }

    private ResponseMessage CreateToken(FakeContext ctx)
    {
        if (ctx.Route.ClientId != _account.Id)
        {
            return Error(ctx, 403, "You do not have permission to perform this action.");
        }

        if (!TryReadObject(ctx, out var body, out var failure))
        {
            return failure;
        }

        var errors = new Dictionary<string, object>();
        string? name = null;
        if (body["name"] is not { } nameToken)
        {
            errors["name"] = new[] { "This field is required." };
        }
        else if (nameToken.Type != JTokenType.String || string.IsNullOrWhiteSpace((string?)nameToken))
        {
            errors["name"] = new[] { "This field may not be blank." };
        }
        else if (((string)nameToken!).Length > 100)
        {
            errors["name"] = new[] { "Ensure this field has no more than 100 characters." };
        }
        else
        {
            name = (string)nameToken!;
        }

        string? description = null;
        if (body["description"] is { } descriptionToken && descriptionToken.Type != JTokenType.Null)
        {
            if (descriptionToken.Type != JTokenType.String)
            {
                errors["description"] = new[] { "Not a valid string." };
            }
            else
            {
                description = (string)descriptionToken!;
            }
        }

        int? roleId = null;
        if (body["client_user"] is not { } clientUser)
        {
            errors["client_user"] = new[] { "This field is required." };
        }
        else if (clientUser is not JObject { } cu || cu["role"] is not JObject roleObject || roleObject["id"] is not { Type: JTokenType.Integer } roleIdToken)
        {
            errors["client_user"] = new[] { "Expected {\"role\": {\"id\": <group id>}}." };
        }
        else
        {
            roleId = (int)roleIdToken;
        }

        DateTimeOffset? expires = null;
        string? expiresText = null;
        if (!body.TryGetValue("exp_date", StringComparison.Ordinal, out var expToken))
        {
            errors["exp_date"] = new[] { "This field is required (null for a token that never expires)." };
        }
        else if (expToken.Type != JTokenType.Null)
        {
            if (expToken.Type != JTokenType.String
                || !DateTimeOffset.TryParse((string)expToken!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                errors["exp_date"] = new[] { "Datetime has wrong format. Use RFC 3339, such as 2030-01-31T00:00:00Z." };
            }
            else
            {
                expires = parsed;
                expiresText = (string)expToken!;
            }
        }

        if (errors.Count > 0)
        {
            return Invalid(ctx, 400, "Invalid input.", errors);
        }

        var group = GcoreIamFakeSeed.GroupById(roleId!.Value);
        if (group is null)
        {
            errors["client_user"] = new[] { $"Unknown group id {roleId}." };
        }

        if (expires is { } when && when <= DateTimeOffset.UtcNow)
        {
            errors["exp_date"] = new[] { "The expiry date must be in the future." };
        }

        if (errors.Count > 0)
        {
            return Invalid(ctx, 422, "The token was refused.", errors);
        }

        var id = Tokens.Count == 0 ? 1 : Tokens.Max(t => t.Id) + 1;
        var issuer = Users.FirstOrDefault(u => u.Id == _account.CurrentUser);
        var token = new ApiToken
        {
            Id = id,
            Name = name!,
            Description = description,
            Created = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ExpDate = expiresText,
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
                Role = group!,
            },
        };
        Tokens.Add(token);

        JObject created;
        using (var reader = new JsonTextReader(new StringReader(FakeJson.Serialize(token))) { DateParseHandling = DateParseHandling.None })
        {
            created = JObject.Load(reader);
        }

        created["token"] = string.Create(CultureInfo.InvariantCulture, $"{id}_{Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant()}");
        return Ok(ctx, created.ToObject<ApiTokenCreated>(JsonSerializer.Create(FakeJson.Settings))!);
    }

    private ResponseMessage GetToken(FakeContext ctx)
    {
        if (ctx.Route.ClientId != _account.Id)
        {
            return Error(ctx, 403, "You do not have permission to perform this action.");
        }

        return FindToken(ctx.Route.Id) is { } token ? Ok(ctx, token) : Error(ctx, 404, "API token not found.");
    }

    private ResponseMessage DeleteToken(FakeContext ctx)
    {
        if (ctx.Route.ClientId != _account.Id)
        {
            return Error(ctx, 403, "You do not have permission to perform this action.");
        }

        if (FindToken(ctx.Route.Id) is not { } token)
        {
            return Error(ctx, 404, "API token not found.");
        }

        token.Deleted = true;
        return GcoreIamFakeServer.NoContent(ctx.RequestId);
    }

    private User? FindUser(int? id) => Users.FirstOrDefault(u => u.Id == id);

    private ApiToken? FindToken(int? id) => Tokens.FirstOrDefault(t => t.Id == id && t.Deleted != true);

    /// <summary>The user as it goes out: a copy, with values the client does not know when asked for.</summary>
    private static User Outgoing(User user, FakeContext ctx)
    {
        var copy = FakeJson.Clone(user);
        if (ctx.UnknownEnums)
        {
            copy.AuthTypes = [.. copy.AuthTypes ?? [], new AuthType("saml")];
            copy.Lang = new UserLanguage("fr");
        }

        return copy;
    }

    private static bool LooksLikeEmail(string text) =>
        text.Length <= 254 && text.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < text.Length - 1
        && !text.Any(char.IsWhiteSpace) && text.IndexOf('.', at) > at + 1;

    private static int? RequiredInt(JObject body, string name, Dictionary<string, object> errors)
    {
        if (body[name] is not { } token)
        {
            errors[name] = new[] { "This field is required." };
            return null;
        }

        if (token.Type != JTokenType.Integer)
        {
            errors[name] = new[] { "A valid integer is required." };
            return null;
        }

        return (int)token;
    }

    private static int? QueryInt(FakeContext ctx, string name, Dictionary<string, object> errors)
    {
        if (!ctx.Query.TryGetValue(name, out var text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[name] = new[] { "A valid integer is required." };
        return null;
    }

    private static bool TryReadObject(FakeContext ctx, out JObject body, out ResponseMessage failure)
    {
        body = null!;
        if (string.IsNullOrWhiteSpace(ctx.Body))
        {
            failure = Invalid(ctx, 400, "The request has no body; send a JSON object.", new Dictionary<string, object> { ["non_field_errors"] = NoData });
            return false;
        }

        JToken token;
        try
        {
            using var reader = new JsonTextReader(new StringReader(ctx.Body)) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 };
            token = JToken.ReadFrom(reader);
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    throw new JsonReaderException("Additional text after the JSON value.");
                }
            }
        }
        catch (JsonException e)
        {
            failure = GcoreIamFakeServer.Json(400, FakeJson.Serialize(new FakeErrorBody
            {
                ExceptionClass = "ParseError",
                Message = "JSON parse error - " + e.Message,
                RequestId = ctx.RequestId,
            }), ctx.RequestId);
            return false;
        }

        if (token is not JObject obj)
        {
            failure = Invalid(ctx, 400, "Invalid data.", new Dictionary<string, object> { ["non_field_errors"] = new[] { $"Invalid data. Expected a dictionary, but got {token.Type.ToString().ToLowerInvariant()}." } });
            return false;
        }

        body = obj;
        failure = null!;
        return true;
    }

    private static ResponseMessage Ok(FakeContext ctx, object value) => GcoreIamFakeServer.Json(200, FakeJson.Serialize(value), ctx.RequestId);

    private static ResponseMessage Error(FakeContext ctx, int status, string message) =>
        GcoreIamFakeServer.Json(status, FakeJson.Serialize(new FakeErrorBody { Message = message }), ctx.RequestId);

    private static ResponseMessage Invalid(FakeContext ctx, int status, string message, Dictionary<string, object> fields) =>
        GcoreIamFakeServer.Json(status, FakeJson.Serialize(new FakeErrorBody
        {
            ExceptionClass = status == 422 ? "UnprocessableEntity" : "ValidationError",
            Message = message,
            RequestId = ctx.RequestId,
            InvalidFields = fields,
        }), ctx.RequestId);
}
