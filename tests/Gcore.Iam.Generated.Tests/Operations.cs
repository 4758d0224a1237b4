namespace Gcore.Iam.Tests;

/// <summary>Every operation of the API, with the method and path it must use, to run one check against all of them.</summary>
public sealed record Operation(string Name, string Method, string Path, Func<GcoreIamClient, Task> Call, bool ReturnsBody)
{
    public static IEnumerable<Operation> All { get; } =
    [
        new("ListUsers", "GET", "/iam/users", c => c.Users.ListUsersAsync(10, 0), true),
        new("GetUser", "GET", "/iam/users/101", c => c.Users.GetUserAsync(101), true),
        new("UpdateUser", "PATCH", "/iam/users/101", c => c.Users.UpdateUserAsync(101, new UserUpdate { Name = "A" }), true),
        new("RevokeAccess", "DELETE", "/iam/clients/200001/client-users/101", c => c.Users.RevokeAccessAsync(200001, 101), false),
        new("InviteUser", "POST", "/iam/clients/invite_user",
            c => c.Users.InviteUserAsync(new UserInvite { ClientId = 200001, Email = "x@example.com", UserRole = new UserGroup { Id = 2 } }), true),
        new("GetAccountOverview", "GET", "/iam/clients/me", c => c.Account.GetAccountOverviewAsync(), true),
        new("CreateApiToken", "POST", "/iam/v2/clients/200001/tokens",
            c => c.ApiTokens.CreateApiTokenAsync(200001, new ApiTokenCreate { Name = "t", ClientUser = new ApiTokenRole { Role = new UserGroup { Id = 2 } } }), true),
        new("ListApiTokens", "GET", "/iam/v2/clients/200001/tokens", c => c.ApiTokens.ListApiTokensAsync(200001), true),
        new("GetApiToken", "GET", "/iam/v2/clients/200001/tokens/301", c => c.ApiTokens.GetApiTokenAsync(200001, 301), true),
        new("DeleteApiToken", "DELETE", "/iam/v2/clients/200001/tokens/301", c => c.ApiTokens.DeleteApiTokenAsync(200001, 301), false),
    ];

    public static IEnumerable<Operation> WithBody => All.Where(o => o.ReturnsBody);

    public override string ToString() => Name;
}
