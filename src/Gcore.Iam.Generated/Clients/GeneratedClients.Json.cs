using Gcore.Iam.Serialization;
using Newtonsoft.Json;

namespace Gcore.Iam;

// NSwag calls UpdateJsonSerializerSettings once per client type, when its settings are first used.
/// <summary>Users of the accounts the API key can see: list, get, update, invite, revoke access.</summary>
public partial class UsersClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => GcoreIamJson.Configure(settings);
}

/// <summary>Permanent API tokens of an account: create, list, get, delete.</summary>
public partial class ApiTokensClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => GcoreIamJson.Configure(settings);
}

/// <summary>The account the API key belongs to.</summary>
public partial class AccountClient
{
    static partial void UpdateJsonSerializerSettings(JsonSerializerSettings settings) => GcoreIamJson.Configure(settings);
}
