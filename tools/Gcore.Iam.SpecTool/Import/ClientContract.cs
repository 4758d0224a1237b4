using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>
/// One operation this client covers, selected from Gcore's description by method and path, with
/// the names that drive the generated C#: the operation id (<c>{Client}_{Method}</c>: the prefix
/// names the client class, the rest the method), the tag, the request body's parameter name and
/// position, and C# names for query parameters whose JSON names are snake_case. <c>Answers</c> and
/// <c>Takes</c> declare the schema (by this client's name) of the 2xx answer and of the request body:
/// the handwritten layer and the public API depend on them, and the import checks them.
/// <c>Resend</c> declares whether the request may be sent a second time (<see cref="ResendSafety"/>).
/// <c>Paging</c> declares an offset-paged list (its bounds, its page and item: the walker is generated
/// from it), <c>Secrets</c> the body members that carry secrets, <c>Cli</c> the command of the gcore-iam
/// CLI that calls the operation (with its row of docs/cli.md), <c>Fake</c> what the fake server does for the
/// operation (its row of docs/testing-with-the-fake.md). The import writes those tables (<see cref="DocTables"/>).
/// <see cref="ContractFacts"/> writes these facts into the spec, where the generator, the fake and
/// the tests read them.
/// </summary>
internal sealed record ClientOperation(
    string Method,
    string Path,
    string OperationId,
    string Tag,
    ResendSafety Resend,
    string? BodyName = null,
    int? BodyPosition = null,
    IReadOnlyDictionary<string, string>? ParameterNames = null,
    string? Answers = null,
    string? Takes = null,
    PagedList? Paging = null,
    IReadOnlyList<SecretMember>? Secrets = null,
    CliCommand? Cli = null,
    string? Fake = null)
{
    public string Key => $"{Method.ToUpperInvariant()} {Path}";
}

/// <summary>
/// The gcore-iam command that calls an operation (<c>x-gcore-cli</c>: its words, then any option that selects the
/// operation, <c>login --refresh</c>), and its row of docs/cli.md: what follows the command in the usage, and what it
/// does. An operation reached through another operation's command (<c>login --refresh</c>) has no row of its own.
/// </summary>
/// <param name="Command">The command's words, then the options that make it call this operation.</param>
/// <param name="Usage">The arguments and options after the command, as docs/cli.md writes them; null when another operation's row covers the command.</param>
/// <param name="Does">What the command does, for docs/cli.md.</param>
internal sealed record CliCommand(string Command, string? Usage = null, string? Does = null)
{
    /// <summary>A command whose row in docs/cli.md is another operation's.</summary>
    public static implicit operator CliCommand(string command) => new(command);

    /// <summary>The command's words without the options that select the operation (<c>login</c> for <c>login --refresh</c>).</summary>
    public string Words => string.Join(' ', Command.Split(' ').Where(w => !w.StartsWith("--", StringComparison.Ordinal)));
}

/// <summary>
/// Whether a request may be sent again once it may have reached Gcore (its answer was lost: the
/// connection broke after the request went out, or the attempt timed out). Decided per operation from
/// what Gcore answers when the same request arrives twice, never from the HTTP method.
/// </summary>
internal enum ResendRule
{
    /// <summary>The second request has the same effect and answer (a read, an absolute value).</summary>
    Safe,

    /// <summary>The second request answers 404 because the first removed the thing: the call succeeds.</summary>
    SafeWhenGoneIsDone,

    /// <summary>The second request is refused or acts twice: never sent again once the first may have reached Gcore.</summary>
    Never,

    /// <summary>The request's token works once (a JWT refresh): never sent again; the session recovers by logging in.</summary>
    Once,
}

/// <summary>An operation's <see cref="ResendRule"/>, why, and how a caller checks whether a change whose answer was lost was made.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Reason">What Gcore does with the same request a second time.</param>
/// <param name="Check">For a rule that is not safe: how to see whether the change was made (the caller's exception says it).</param>
internal sealed record ResendSafety(ResendRule Rule, string Reason, string? Check = null)
{
    /// <summary>The name written into the spec (<c>x-gcore-resend.rule</c>).</summary>
    public string RuleName => Rule switch
    {
        ResendRule.Safe => "safe",
        ResendRule.SafeWhenGoneIsDone => "safe-when-gone-is-done",
        ResendRule.Never => "never",
        ResendRule.Once => "once",
        _ => throw new ImportException($"Unknown resend rule {Rule}."),
    };

    /// <summary>Every read: the same answer twice.</summary>
    public static readonly ResendSafety Read = new(ResendRule.Safe, "A read: the same request twice gets the same answer.");

    /// <summary><c>x-gcore-resend</c> on the operation.</summary>
    public JsonObject ToExtension()
    {
        var node = new JsonObject { ["rule"] = RuleName, ["reason"] = Reason };
        if (Check is not null)
        {
            node["check"] = Check;
        }

        return node;
    }
}

/// <summary>What the client owns in its spec, as opposed to what comes from Gcore's description.</summary>
internal static class ClientContract
{
    /// <summary>The operation extension that carries <see cref="ClientOperation.Resend"/> (the generated descriptor reads it).</summary>
    public const string ResendExtension = "x-gcore-resend";

    /// <summary>
    /// How many items a walker (<c>ListAll...Async</c>) asks for per page unless the caller says otherwise:
    /// fewer requests than one page's default (<see cref="PageLimitDefault"/>) for a walk of a long list,
    /// and well inside every list's maximum. Written into the spec as <c>x-gcore-paging.pageSize</c>.
    /// </summary>
    public const int WalkPageSize = 100;

    /// <summary>What one page asks for when the caller says nothing (the CLI's one-page default): Gcore's SDKs send 50.</summary>
    public const int PageLimitDefault = 50;

    /// <summary>The bounds of <c>offset</c> on every list: it counts items to pass over (declared before <see cref="Operations"/>, which uses it).</summary>
    public static readonly Bounds OffsetBounds = new(0, null, 0, "offset counts the items to pass over: a negative one is the caller's mistake, refused before sending.");

    /// <summary>
    /// The bounds of every integer id in a path (an account's, a user's, a token's): none. Gcore issues these
    /// ids, so a guard meant for a caller's typing would refuse values Gcore itself hands out (the CLI still
    /// checks the ids a person types).
    /// </summary>
    public static readonly Bounds PathIdBounds = new(null, null, null,
        "An id Gcore issues: its description allows any integer, and an account id from the overview may be 0 or negative, " +
        "so the client sets no bounds; Gcore answers 404 for an id that names nothing.");

    /// <summary>
    /// THE list of operations the client covers, in the order they appear in the spec (and so in
    /// the generated clients). Adding an operation to the client means adding a row here.
    /// </summary>
    public static readonly IReadOnlyList<ClientOperation> Operations =
    [
        new("get", "/iam/users", "Users_ListUsers", "Users", ResendSafety.Read, Answers: "UserPage",
            Paging: new("ListAllUsers", "UserPage", "results", "count", "User",
                Limit: new(1, 1000, PageLimitDefault, "The live API pages 1 to 1000 users; Gcore's SDKs send 50 unless told otherwise. 0 or a negative limit is the caller's mistake, refused before sending."),
                Offset: OffsetBounds),
            Cli: new("users list", "[--all] [--limit N] [--offset N]", "one page (default 50 users from offset 0); `--all` walks every page from `--offset` (`--limit` is then the page size, default 100), writing each page as it arrives"),
            Fake: "without `limit`: a bare JSON array of every user (the live API's quirk; `offset` is ignored). With `limit` (1 to the spec's maximum, 1000): `{count, next, previous, results}` from `offset`"),
        new("get", "/iam/users/{userId}", "Users_GetUser", "Users", ResendSafety.Read, Answers: "User", Cli: new("users get", "ID", "one user"),
            Fake: "the user, or 404"),
        new("patch", "/iam/users/{userId}", "Users_UpdateUser", "Users", new(ResendRule.Safe, "Sets absolute values: the same request twice gives the same user."), BodyName: "update", BodyPosition: 2, Answers: "User", Takes: "UserUpdate", Cli: new("users update", "ID [--name NAME] [--phone PHONE] [--lang LANG] [--clear-name] [--clear-phone] [--dry-run]", "changes only what is given; `--clear-*` sends `null`. Prints the updated user"),
            Fake: "changes only the fields sent (`email`, `name`, `phone`, `lang`, `auth_types`); `null` clears `name` and `phone`"),
        new("delete", "/iam/clients/{clientId}/client-users/{userId}", "Users_RevokeAccess", "Users", new(ResendRule.SafeWhenGoneIsDone, "The second request answers 404: the first already removed the access, which is what was asked."), Cli: new("users revoke", "ID [--account ID] [--yes] [--dry-run]", "removes the user from the account (a user with no other account is deleted); prints nothing on stdout"),
            Fake: "removes the user from the account: 204"),
        new("post", "/iam/clients/invite_user", "Users_InviteUser", "Users", new(ResendRule.Never, "The second request is refused: the user has already been invited.", "list the account's users (Users.ListUsersAsync) and look for the e-mail address"), BodyName: "invite", Answers: "UserInviteResult", Takes: "UserInvite", Cli: new("users invite", "--email EMAIL --role ROLE [--name NAME] [--lang LANG] [--account ID] [--dry-run]", "ROLE is a group id or name (`Administrators`, `Users`, `Engineers`, `Purge and Prefetch only (API+Web)`, `Purge and Prefetch only (API)`; any case). Prints `user_id` and `status`"),
            Fake: "adds a user (next free id, not yet activated) and answers `{status: \"sent\", user_id}`"),
        new("get", "/iam/clients/me", "Account_GetAccountOverview", "Account", ResendSafety.Read, Answers: "AccountOverview", Cli: new("account", "", "the account the key belongs to"),
            Fake: "the account, with `users` as they are now"),
        new("get", "/iam/v2/clients/{clientId}/tokens", "ApiTokens_ListApiTokens", "ApiTokens", ResendSafety.Read,
            ParameterNames: new Dictionary<string, string> { ["issued_by"] = "issuedBy", ["not_issued_by"] = "notIssuedBy" }, Cli: new("tokens list", "[--deleted] [--account ID]", "the account's API tokens (`--deleted` includes deleted ones)"),
            Fake: "the account's tokens (filters `deleted`, `issued_by`, `not_issued_by`, `role`)"),
        new("post", "/iam/v2/clients/{clientId}/tokens", "ApiTokens_CreateApiToken", "ApiTokens", new(ResendRule.Never, "The second request creates a second token.", "list the account's API tokens (ApiTokens.ListApiTokensAsync) and look for the token's name"), BodyName: "token", BodyPosition: 2, Answers: "ApiTokenCreated", Takes: "ApiTokenCreate", Cli: new("tokens create", "--name NAME --role ROLE --expires DATE\\|never [--description TEXT] [--account ID] [--dry-run]", "prints the new token with its secret `token`, once: store it. DATE: see below"),
            Fake: "a new token; the answer carries its secret `token`, once"),
        new("get", "/iam/v2/clients/{clientId}/tokens/{tokenId}", "ApiTokens_GetApiToken", "ApiTokens", ResendSafety.Read, Answers: "ApiToken", Cli: new("tokens get", "ID [--account ID]", "one token (never its secret)"),
            Fake: "one token; a deleted token is 404"),
        new("delete", "/iam/v2/clients/{clientId}/tokens/{tokenId}", "ApiTokens_DeleteApiToken", "ApiTokens", new(ResendRule.SafeWhenGoneIsDone, "The second request answers 404: the first already deleted the token, which is what was asked."), Cli: new("tokens delete", "ID [--account ID] [--yes] [--dry-run]", "deletes the token; prints nothing on stdout"),
            Fake: "marks the token deleted (204): it is 404 after that and is listed only with `deleted=true`"),
        new("get", "/iam/clients/{clientId}/client-users/{userId}", "Users_GetRole", "Users", ResendSafety.Read, Answers: "AccountRole", Cli: new("users role get", "ID [--account ID]", "the user's role (group) in the account"),
            Fake: "the user's role in the account"),
        new("put", "/iam/clients/{clientId}/client-users/{userId}", "Users_SetRole", "Users", new(ResendRule.Safe, "Sets an absolute value: the same request twice gives the same role."), BodyName: "role", BodyPosition: 3, Takes: "AccountRole", Cli: new("users role set", "ID --role ROLE [--account ID] [--yes] [--dry-run]", "changes the user's role in the account; the user's `groups` show it"),
            Fake: "changes the user's role (204); the user's `groups` and `client_and_roles` show it"),
        new("put", "/iam/users/{userId}/email", "Users_ChangeEmail", "Users", new(ResendRule.Never, "The second request is refused (\"Same email address.\"): the first already changed it.", "read the user (Users.GetUserAsync) and compare its e-mail address"), BodyName: "change", BodyPosition: 2, Answers: "EmailChangeResult", Takes: "EmailChange",
            Secrets: [new("password", "the user's password, which approves the change")], Cli: new("users email", "ID --new-email EMAIL [--yes] [--dry-run]", "changes the user's e-mail address; the user's password approves it (prompt, or the next line of stdin)"),
            Fake: "a new address, approved by the user's password; refused when it is the same, invalid or taken"),
        new("put", "/iam/users/{userId}/password", "Users_ChangePassword", "Users", new(ResendRule.Never, "The second request is refused (\"Old password is incorrect\"): the first already changed it.", "log in with the new password"), BodyName: "change", BodyPosition: 2, Answers: "JwtTokens", Takes: "PasswordChange",
            Secrets: [new("old", "the current password"), new("new", "the new password"), new("double", "the new password, repeated")], Cli: new("users password", "ID [--yes] [--dry-run]", "changes the user's password (prompts, or the old one on the next line of stdin and the new one on the line after)"),
            Fake: "checks the old password, `new` = `double`, at least 8 characters; ends the user's sessions and answers a new pair of JWTs"),
        new("post", "/iam/clients/create", "Account_CreateAccount", "Account", new(ResendRule.Never, "The second request opens a second account.", "ask Gcore (its control panel, or support) whether the account exists"), BodyName: "account", Answers: "AccountCreate", Takes: "AccountCreate", Cli: new("account create", "--company NAME [--dry-run]", "creates an account; prints its id"),
            Fake: "a new account id for a company name not yet taken (201)"),
        new("get", "/iam/activity_log/logins", "Activity_ListLogins", "Activity", ResendSafety.Read, Answers: "LoginActivityPage",
            Paging: new("ListAllLogins", "LoginActivityPage", "result", "count", "LoginActivity",
                Limit: new(1, null, PageLimitDefault, "A page holds one login or more: 0 or a negative limit is the caller's mistake (Gcore answers 400), refused before sending. Gcore documents no maximum, so the client sets none."),
                Offset: OffsetBounds),
            Cli: new("activity logins", "[--all] [--limit N] [--offset N]", "the login activity log: who logged in, when, from where; `--all` walks every page as `users list --all` does"),
            Fake: "the login log: `seed.Logins`, then every login through the fake; `{count, next, previous, result}`"),
        new("post", "/iam/auth/jwt/login", "Auth_LogIn", "Auth", new(ResendRule.Safe, "The second request gives a second pair of tokens: harmless."), BodyName: "login", Answers: "JwtTokens", Takes: "JwtLogin",
            Secrets: [new("password", "the user's password"), new("one_time_password", "the authenticator's one-time password")], Cli: new("login", "[--account ID] [--refresh]", "with `--username`: logs in (and selects `--account`), then shows the account and when the access token expires (or that its expiry is unknown, for a token that does not say); `--refresh` also refreshes it once. Never prints a token"),
            Fake: "a user's e-mail address and password (`GcoreIamFakeSeed.DefaultPassword` for every seeded user until changed), plus `GcoreIamFakeSeed.DefaultOneTimePassword` for a user with `two_fa`; answers `{access, refresh}`: JWT-shaped tokens whose payload carries `exp`"),
        new("post", "/iam/auth/jwt/refresh", "Auth_RefreshToken", "Auth", new(ResendRule.Once, "The refresh token works once: the second request is refused, and the session is lost unless it can log in again.", "log in again (GcoreIamClient.LogInAsync)"), BodyName: "refresh", Answers: "JwtTokens", Takes: "JwtRefresh",
            Secrets: [new("refresh", "the refresh JWT: it mints access tokens until it is used")], Cli: "login --refresh",
            Fake: "a new pair for a refresh token that has not expired; each refresh token works once"),
        new("get", "/iam/auth/jwt/clients/{clientId}/login", "Auth_SelectAccount", "Auth", ResendSafety.Read, Answers: "JwtTokens", Cli: "login --account",
            Fake: "with `Authorization: Bearer <access>`: a pair for another account of the user"),
        new("post", "/iam/auth/password/forgot", "Auth_ForgotPassword", "Auth", new(ResendRule.Never, "The second request sends a second reset mail.", "look in the mailbox for the reset mail"), BodyName: "request", Takes: "PasswordReset", Cli: new("users forgot-password", "--email EMAIL [--dry-run]", "sends Gcore's password reset mail"),
            Fake: "`{\"status\": \"sent\"}`"),
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
