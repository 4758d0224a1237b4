namespace Gcore.Iam;

/// <summary>Users of the accounts the API key can see (implemented by <see cref="UsersClient"/>).</summary>
public partial interface IUsersClient
{
}

/// <summary>What happened in the account: the login activity log (implemented by <see cref="ActivityClient"/>).</summary>
public partial interface IActivityClient
{
}

/// <summary>Permanent API tokens of an account (implemented by <see cref="ApiTokensClient"/>).</summary>
public partial interface IApiTokensClient
{
}

/// <summary>The account the credentials belong to, and opening new accounts (implemented by <see cref="AccountClient"/>).</summary>
public partial interface IAccountClient
{
}

/// <summary>
/// Gcore's JWT operations (log in, refresh, select an account) and the password reset mail
/// (implemented by <see cref="AuthClient"/>). A client configured with a username and password calls
/// the JWT operations itself.
/// </summary>
public partial interface IAuthClient
{
}
