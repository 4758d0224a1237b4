using Gcore.Iam.Serialization;
using Newtonsoft.Json;

namespace Gcore.Iam;

/// <summary>
/// <c>GET /iam/users</c> answers an envelope <c>{count, next, previous, results}</c> when
/// <c>limit</c> is sent and a bare array of every user when it is not. Both read into a page; for
/// the bare array <see cref="Count"/> is the number of users in it and <see cref="IsUnpaged"/> is true.
/// </summary>
[JsonConverter(typeof(UserPageJsonConverter))]
public partial class UserPage : IMaybeUnpaged
{
    /// <summary>True when the server answered a bare array (every user) instead of a page.</summary>
    [JsonIgnore]
    public bool IsUnpaged { get; internal set; }
}
