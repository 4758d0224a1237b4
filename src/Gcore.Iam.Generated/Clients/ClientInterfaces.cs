namespace Gcore.Iam;

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
