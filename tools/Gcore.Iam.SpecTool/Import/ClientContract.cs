using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>
/// One operation this client covers, selected from Gcore's description by method and path, with
/// the names that drive the generated C#: the operation id (<c>{Client}_{Method}</c>: the prefix
/// names the client class, the rest the method), the tag, the request body's parameter name and
/// position, and C# names for query parameters whose JSON names are snake_case. <c>Answers</c> and
/// <c>Takes</c> declare the schema (by this client's name) of the 2xx answer and of the request body:
/// the handwritten layer and the public API depend on them, and the import checks them.
/// </summary>
internal sealed record ClientOperation(
    string Method,
    string Path,
    string OperationId,
    string Tag,
    string? BodyName = null,
    int? BodyPosition = null,
    IReadOnlyDictionary<string, string>? ParameterNames = null,
    string? Answers = null,
    string? Takes = null)
{
    public string Key => $"{Method.ToUpperInvariant()} {Path}";
}

/// <summary>What the client owns in its spec, as opposed to what comes from Gcore's description.</summary>
internal static class ClientContract
{
    /// <summary>
    /// THE list of operations the client covers, in the order they appear in the spec (and so in
    /// the generated clients). Adding an operation to the client means adding a row here.
    /// </summary>
    public static readonly IReadOnlyList<ClientOperation> Operations =
    [
        new("get", "/iam/users", "Users_ListUsers", "Users", Answers: "UserPage"),
        new("get", "/iam/users/{userId}", "Users_GetUser", "Users", Answers: "User"),
        new("patch", "/iam/users/{userId}", "Users_UpdateUser", "Users", BodyName: "update", BodyPosition: 2, Answers: "User", Takes: "UserUpdate"),
        new("delete", "/iam/clients/{clientId}/client-users/{userId}", "Users_RevokeAccess", "Users"),
        new("post", "/iam/clients/invite_user", "Users_InviteUser", "Users", BodyName: "invite", Answers: "UserInviteResult", Takes: "UserInvite"),
        new("get", "/iam/clients/me", "Account_GetAccountOverview", "Account", Answers: "AccountOverview"),
        new("get", "/iam/v2/clients/{clientId}/tokens", "ApiTokens_ListApiTokens", "ApiTokens",
            ParameterNames: new Dictionary<string, string> { ["issued_by"] = "issuedBy", ["not_issued_by"] = "notIssuedBy" }),
        new("post", "/iam/v2/clients/{clientId}/tokens", "ApiTokens_CreateApiToken", "ApiTokens", BodyName: "token", BodyPosition: 2, Answers: "ApiTokenCreated", Takes: "ApiTokenCreate"),
        new("get", "/iam/v2/clients/{clientId}/tokens/{tokenId}", "ApiTokens_GetApiToken", "ApiTokens", Answers: "ApiToken"),
        new("delete", "/iam/v2/clients/{clientId}/tokens/{tokenId}", "ApiTokens_DeleteApiToken", "ApiTokens"),
        new("get", "/iam/clients/{clientId}/client-users/{userId}", "Users_GetRole", "Users", Answers: "AccountRole"),
        new("put", "/iam/clients/{clientId}/client-users/{userId}", "Users_SetRole", "Users", BodyName: "role", BodyPosition: 3, Takes: "AccountRole"),
        new("put", "/iam/users/{userId}/email", "Users_ChangeEmail", "Users", BodyName: "change", BodyPosition: 2, Answers: "EmailChangeResult", Takes: "EmailChange"),
        new("put", "/iam/users/{userId}/password", "Users_ChangePassword", "Users", BodyName: "change", BodyPosition: 2, Answers: "JwtTokens", Takes: "PasswordChange"),
        new("post", "/iam/clients/create", "Account_CreateAccount", "Account", BodyName: "account", Answers: "AccountCreate", Takes: "AccountCreate"),
        new("get", "/iam/activity_log/logins", "Activity_ListLogins", "Activity", Answers: "LoginActivityPage"),
        new("post", "/iam/auth/jwt/login", "Auth_LogIn", "Auth", BodyName: "login", Answers: "JwtTokens", Takes: "JwtLogin"),
        new("post", "/iam/auth/jwt/refresh", "Auth_RefreshToken", "Auth", BodyName: "refresh", Answers: "JwtTokens", Takes: "JwtRefresh"),
        new("get", "/iam/auth/jwt/clients/{clientId}/login", "Auth_SelectAccount", "Auth", Answers: "JwtTokens"),
        new("post", "/iam/auth/password/forgot", "Auth_ForgotPassword", "Auth", BodyName: "request", Takes: "PasswordReset"),
    ];

    /// <summary>The client's tags (one per generated client class), in this order.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> Tags =
    [
        ("Users", "Users of the accounts the API key can see."),
        ("Account", "The account the credentials belong to, and opening new accounts."),
        ("ApiTokens", "Permanent API tokens of an account."),
        ("Activity", "What happened in the account: the login activity log."),
        ("Auth", "Logging in with a username and password (Gcore's short-lived JWTs), and the password reset mail."),
    ];

    public const string OpenApiVersion = "3.0.3";

    public const string Title = "Gcore IAM API";

    public const string Description =
        "The part of Gcore's Identity and Access Management API that this client covers: the users of an account " +
        "(their details, roles, e-mail addresses and passwords), the account overview and new accounts, API tokens, " +
        "the login activity log, and logging in for JWTs. Generated by tools/Gcore.Iam.SpecTool from Gcore's published " +
        "description (see source.json); where the published reference and the live API disagree, this " +
        "description follows the live API (see each `x-gcore-fix`). Do not edit by hand: change the import and run it.";

    public const string LicenseName = "MIT";

    /// <summary>The one security scheme of the client's spec, whichever form Gcore's file uses (see <see cref="Normalisation"/>).</summary>
    public const string SecuritySchemeName = "APIKey";

    public static JsonObject SecurityScheme() => new()
    {
        ["type"] = "apiKey",
        ["in"] = "header",
        ["name"] = "Authorization",
        ["description"] = "The word `APIKey`, a space and the token: `Authorization: APIKey 42_...` (Gcore's SDKs send this form).",
    };

    /// <summary>The name of the one error body of the client's spec (<see cref="ErrorBody"/>).</summary>
    public const string ErrorSchemaName = "ErrorResponse";

    /// <summary>
    /// The error body the spec describes for every error status: Gcore's platform-wide form, plus the
    /// <c>errors</c> map of the IAM validation errors. The client's own description, whatever unions Gcore
    /// writes per operation (those are not copied); GcoreIamApiException reads every form Gcore uses.
    /// </summary>
    public static JsonObject ErrorBody() => (JsonObject)JsonNode.Parse("""
        {
          "type": "object",
          "description": "Gcore's error body. IAM answers often carry only `message`, or only `errors`; proxies may send HTML or nothing at all.",
          "properties": {
            "message": { "type": "string", "description": "What went wrong." },
            "errors": { "type": "object", "additionalProperties": {}, "description": "Field name to the reasons it was rejected (a list of sentences, one sentence, or the same map one level down)." },
            "exception_class": { "type": "string", "description": "The server's name for the kind of error." },
            "request_id": { "type": "string", "description": "The id to quote to Gcore support." },
            "info": { "nullable": true, "description": "Further details, in any form." },
            "invalid_fields": { "type": "object", "nullable": true, "additionalProperties": {}, "description": "Field name to the reasons it was rejected." }
          }
        }
        """)!;

    /// <summary>
    /// What the spec says of each error status. The bodies are not described: Gcore's error forms are
    /// many and loosely documented, and the handwritten layer reads them all (GcoreIamApiException).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ErrorResponses = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["400"] = "The request was not valid; the body names the fields and what is wrong with them.",
        ["401"] = "The credentials are missing, wrong or expired.",
        ["403"] = "The credentials do not allow this operation.",
        ["404"] = "The thing named in the path does not exist, or is not visible to these credentials.",
        ["409"] = "The request conflicts with the current state.",
        ["422"] = "The request was well formed but could not be processed.",
        ["429"] = "Too many requests; retry after the time in `Retry-After`.",
    };

    public const string LicenseUrl = "https://opensource.org/licenses/MIT";
}
