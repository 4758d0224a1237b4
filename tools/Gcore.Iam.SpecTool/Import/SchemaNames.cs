namespace Gcore.Iam.SpecTool.Import;

/// <summary>
/// One row of the rename table: an upstream schema, by component name (<c>User</c>) or by the JSON
/// pointer of an inline schema in Gcore's description (<c>/components/schemas/Token-2/properties/client_user</c>),
/// and the stable C# name this client gives it.
/// </summary>
/// <param name="Upstream">A component name of <c>#/components/schemas</c>, or a JSON pointer (starts with <c>/</c>) to an inline schema.</param>
/// <param name="Name">The name in the client's spec, and so the generated C# type.</param>
/// <param name="Reason">Why this name (read in review, and in the closing notes of a regeneration).</param>
internal sealed record SchemaName(string Upstream, string Name, string Reason)
{
    public bool IsPointer => Upstream.StartsWith('/');
}

/// <summary>
/// THE table from Gcore's schema names to this client's. Gcore's names are not stable (the
/// per-product and the aggregated description share them today, but they have changed before) and
/// some are poor C# names (<c>Token-2</c>, <c>ClientBase</c>); the client's names are its public API.
/// A rename upstream costs one line here. Every object or enum schema that reaches the client's spec
/// needs a row: the import stops and names a schema that has none, so that no upstream name leaks
/// into the public API unreviewed. Two rows may give the same name: the import then merges the two
/// schemas, and refuses unless one's members are a subset of the other's with the same schemas.
/// Primitive and array schemas (<c>UserName</c>, <c>AuthTypes</c>) need no row: the import writes
/// them in place (see <see cref="Normalisation"/>).
/// </summary>
internal static class SchemaNames
{
    public static readonly IReadOnlyList<SchemaName> All =
    [
        // Users
        new("User", "User", "a user as the list and PATCH answer it"),
        new("UserPublic", "User", "get-user's answer is the list's user without client_and_roles (which the live API leaves out of lists too); one C# type for one thing"),
        new("PaginatedUsersArray", "UserPageEnvelope", "the paged form of the user list; UserPage is the union of both forms (fix users-list-both-shapes)"),
        new("PutUser", "UserUpdate", "the PATCH body: what a caller changes, not a user"),
        new("/components/schemas/UserClientAndRoles/items", "ClientAndRoles", "one account of a user and the user's roles in it (inline upstream)"),
        new("Group", "UserGroup", "a role: the name Gcore's control panel uses for it"),
        new("/components/schemas/Group/properties/name", "UserGroupName", "the name of a role (inline enum upstream); extensible, as accounts see new roles"),
        new("Language", "UserLanguage", "the user's interface language; Language alone is too general beside the other areas"),
        new("AuthType", "AuthType", "as upstream"),
        new("UserType", "UserType", "as upstream"),
        new("InviteUserRequest", "UserInvite", "the invitation a caller sends"),
        new("InviteUserResponseSchema", "UserInviteResult", "what an invitation answers; Schema is not part of a name"),

        // Account
        new("ClientBase", "AccountOverview", "GET /iam/clients/me: Gcore calls accounts clients; the public API says account"),
        new("BaseUser", "AccountUser", "a user as the account overview lists it (every member optional)"),
        new("ClientStatus", "AccountStatus", "an account's status"),
        new("ServiceName", "Capability", "a Gcore service an account can use (the overview's capabilities)"),
        new("ServiceStatus", "ServiceState", "the state of one service of an account; ServiceStatus names the pair below"),
        new("ServiceEnabledStatus", "ServiceStatus", "whether a service is enabled, and its state"),
        new("FreeFeature", "FreeFeature", "as upstream"),
        new("PaidFeature", "PaidFeature", "as upstream"),
        new("SignupProcess", "SignupProcess", "as upstream"),
        new("FreeFeatureList", "FreeFeatureList", "an object with one member per service; fix account-service-maps makes it a map, so the name does not reach the C#"),
        new("PaidFeatureList", "PaidFeatureList", "as FreeFeatureList"),
        new("ServiceEnabledStatusObject", "ServiceStatusList", "as FreeFeatureList"),

        // API tokens
        new("Token-2", "ApiTokenCreate", "the create-token body; Token-2 is a generator's suffix, and Token is the JWT pair"),
        new("/components/schemas/Token-2/properties/client_user", "ApiTokenRole", "the role a new token gets (inline upstream)"),
        new("TokenResponse", "ApiToken", "a permanent API token"),
        new("CreateTokenResponseV2", "ApiTokenCreated", "a token just created, with its secret (shown once)"),
        new("ClientUser", "ApiTokenUser", "the user a token was issued by, in the token's account"),
    ];
}
