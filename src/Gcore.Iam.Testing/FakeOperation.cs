namespace Gcore.Iam.Testing;

/// <summary>The operations the fake serves (the spec's operation ids), to aim a fault at one of them.</summary>
public enum FakeOperation
{
    /// <summary>A request that matches no operation (the fake answers 404).</summary>
    Unknown = 0,

    /// <summary><c>GET /iam/users</c>.</summary>
    ListUsers,

    /// <summary><c>GET /iam/users/{userId}</c>.</summary>
    GetUser,

    /// <summary><c>PATCH /iam/users/{userId}</c>.</summary>
    UpdateUser,

    /// <summary><c>DELETE /iam/clients/{clientId}/client-users/{userId}</c>.</summary>
    RevokeAccess,

    /// <summary><c>POST /iam/clients/invite_user</c>.</summary>
    InviteUser,

    /// <summary><c>GET /iam/clients/me</c>.</summary>
    GetAccountOverview,

    /// <summary><c>GET /iam/v2/clients/{clientId}/tokens</c>.</summary>
    ListApiTokens,

    /// <summary><c>POST /iam/v2/clients/{clientId}/tokens</c>.</summary>
    CreateApiToken,

    /// <summary><c>GET /iam/v2/clients/{clientId}/tokens/{tokenId}</c>.</summary>
    GetApiToken,

    /// <summary><c>DELETE /iam/v2/clients/{clientId}/tokens/{tokenId}</c>.</summary>
    DeleteApiToken,
}
