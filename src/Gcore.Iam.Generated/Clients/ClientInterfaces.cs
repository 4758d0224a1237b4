namespace Gcore.Iam;

/// <summary>Permanent API tokens of an account (implemented by <see cref="ApiTokensClient"/>).</summary>
public partial interface IApiTokensClient
{
}

/// <summary>The account the API key belongs to (implemented by <see cref="AccountClient"/>).</summary>
public partial interface IAccountClient
{
}
