using System.Globalization;
using System.Runtime.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace Gcore.Iam.Benchmarks.Baselines;

/// <summary>
/// What a developer would write by hand with Newtonsoft.Json (the rows' Ratio = 1.00): the same
/// HTTP calls as the client (<see cref="NewtonsoftCalls"/>: streaming <see cref="JsonTextReader"/>,
/// pooled buffers) into plain classes with <c>[JsonProperty]</c>, <see cref="List{T}"/>, C# enums
/// read as strings, no extension data, no set-tracking, no converters of its own.
/// </summary>
public sealed class HandWrittenBaseline : IDisposable
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        NullValueHandling = NullValueHandling.Ignore,
    });

    private readonly NewtonsoftCalls _calls;

    public HandWrittenBaseline(HttpMessageHandler transport, Uri baseAddress, string apiKey) =>
        _calls = new NewtonsoftCalls(transport, baseAddress, apiKey, "Gcore.Iam.HandWritten", Serializer);

    public Task<HwUserPage> ListUsersAsync(int limit, int offset, CancellationToken cancellationToken = default) =>
        _calls.GetAsync<HwUserPage>(string.Create(CultureInfo.InvariantCulture, $"iam/users?limit={limit}&offset={offset}"), cancellationToken);

    public Task<HwUser> GetUserAsync(int userId, CancellationToken cancellationToken = default) =>
        _calls.GetAsync<HwUser>("iam/users/" + userId.ToString(CultureInfo.InvariantCulture), cancellationToken);

    public Task<HwUser> UpdateUserAsync(int userId, HwUserUpdate update, CancellationToken cancellationToken = default) =>
        _calls.PatchAsync<HwUser>("iam/users/" + userId.ToString(CultureInfo.InvariantCulture), update, cancellationToken);

    /// <summary>Every user, a page at a time, until a short or last page.</summary>
    public async IAsyncEnumerable<HwUser> ListAllUsersAsync(
        int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await ListUsersAsync(pageSize, offset, cancellationToken).ConfigureAwait(false);
            if (page.Results is not { Count: > 0 } results)
            {
                yield break;
            }

            foreach (var user in results)
            {
                yield return user;
            }

            offset += results.Count;
            if (offset >= page.Count)
            {
                yield break;
            }
        }
    }

    public void Dispose() => _calls.Dispose();
}

#pragma warning disable CA1002, CA1056, CA2227 // Plain DTOs, shaped like the JSON on purpose.

[JsonConverter(typeof(StringEnumConverter))]
public enum HwLanguage
{
    [EnumMember(Value = "de")] De,
    [EnumMember(Value = "en")] En,
    [EnumMember(Value = "ru")] Ru,
    [EnumMember(Value = "zh")] Zh,
    [EnumMember(Value = "az")] Az,
}

[JsonConverter(typeof(StringEnumConverter))]
public enum HwAuthType
{
    [EnumMember(Value = "password")] Password,
    [EnumMember(Value = "sso")] Sso,
    [EnumMember(Value = "github")] Github,
    [EnumMember(Value = "google-oauth2")] GoogleOauth2,
}

[JsonConverter(typeof(StringEnumConverter))]
public enum HwUserType
{
    [EnumMember(Value = "common")] Common,
    [EnumMember(Value = "reseller")] Reseller,
    [EnumMember(Value = "seller")] Seller,
}

public sealed class HwUser
{
    [JsonProperty("id")] public int Id { get; set; }
    [JsonProperty("email")] public string Email { get; set; } = "";
    [JsonProperty("name")] public string? Name { get; set; }
    [JsonProperty("phone")] public string? Phone { get; set; }
    [JsonProperty("lang")] public HwLanguage Lang { get; set; }
    [JsonProperty("company")] public string? Company { get; set; }
    [JsonProperty("reseller")] public int Reseller { get; set; }
    [JsonProperty("client")] public long Client { get; set; }
    [JsonProperty("deleted")] public bool Deleted { get; set; }
    [JsonProperty("activated")] public bool Activated { get; set; }
    [JsonProperty("is_active")] public bool IsActive { get; set; }
    [JsonProperty("sso_auth")] public bool SsoAuth { get; set; }
    [JsonProperty("two_fa")] public bool TwoFa { get; set; }
    [JsonProperty("groups")] public List<HwUserGroup>? Groups { get; set; }
    [JsonProperty("auth_types")] public List<HwAuthType>? AuthTypes { get; set; }
    [JsonProperty("user_type")] public HwUserType UserType { get; set; }
    [JsonProperty("client_and_roles")] public List<HwClientAndRoles>? ClientAndRoles { get; set; }
}

public sealed class HwUserGroup
{
    [JsonProperty("id")] public int Id { get; set; }
    [JsonProperty("name")] public string? Name { get; set; }
}

public sealed class HwClientAndRoles
{
    [JsonProperty("client_id")] public int ClientId { get; set; }
    [JsonProperty("client_company_name")] public string? ClientCompanyName { get; set; }
    [JsonProperty("user_id")] public int UserId { get; set; }
    [JsonProperty("user_roles")] public List<string>? UserRoles { get; set; }
}

public sealed class HwUserPage
{
    [JsonProperty("count")] public int Count { get; set; }
    [JsonProperty("next")] public string? Next { get; set; }
    [JsonProperty("previous")] public string? Previous { get; set; }
    [JsonProperty("results")] public List<HwUser>? Results { get; set; }
}

public sealed class HwUserUpdate
{
    [JsonProperty("email")] public string? Email { get; set; }
    [JsonProperty("name")] public string? Name { get; set; }
    [JsonProperty("phone")] public string? Phone { get; set; }
    [JsonProperty("lang")] public HwLanguage? Lang { get; set; }
    [JsonProperty("auth_types")] public List<HwAuthType>? AuthTypes { get; set; }
}

#pragma warning restore CA1002, CA1056, CA2227
