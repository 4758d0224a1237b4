using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Gcore.Iam.Benchmarks.Baselines;

/// <summary>
/// The floor any .NET client could reach: the same HTTP calls, System.Text.Json with source-generated
/// metadata, into plain classes equivalent to the generated models (enums as strings, no unknown
/// member bag, no set-tracking). Not a client one would ship; the bound on what one could.
/// </summary>
public sealed class SystemTextJsonFloor : IDisposable
{
    private readonly HttpClient _http;

    public SystemTextJsonFloor(HttpMessageHandler transport, Uri baseAddress, string apiKey)
    {
        _http = new HttpClient(transport, disposeHandler: false)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "APIKey " + apiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Gcore.Iam.Floor", "1.0"));
    }

    public Task<StjUserPage> ListUsersAsync(int limit, int offset, CancellationToken cancellationToken = default) =>
        SendAsync(
            new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"iam/users?limit={limit}&offset={offset}")),
            StjContext.Default.StjUserPage,
            cancellationToken);

    public Task<StjUser> GetUserAsync(int userId, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, "iam/users/" + userId.ToString(CultureInfo.InvariantCulture)), StjContext.Default.StjUser, cancellationToken);

    public Task<StjUser> UpdateUserAsync(int userId, StjUserUpdate update, CancellationToken cancellationToken = default)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(update, StjContext.Default.StjUserUpdate));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Patch, "iam/users/" + userId.ToString(CultureInfo.InvariantCulture)) { Content = content };
        return SendAsync(request, StjContext.Default.StjUser, cancellationToken);
    }

    public async IAsyncEnumerable<StjUser> ListAllUsersAsync(
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

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                    ?? throw new JsonException("The answer was null.");
            }
        }
    }
}

#pragma warning disable CA1002, CA1056, CA2227 // Plain DTOs, shaped like the JSON on purpose.

public sealed class StjUser
{
    [JsonPropertyName("id")] public int Id { get; set; }
    [JsonPropertyName("email")] public string Email { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("phone")] public string? Phone { get; set; }
    [JsonPropertyName("lang")] public string? Lang { get; set; }
    [JsonPropertyName("company")] public string? Company { get; set; }
    [JsonPropertyName("reseller")] public int? Reseller { get; set; }
    [JsonPropertyName("client")] public long? Client { get; set; }
    [JsonPropertyName("deleted")] public bool? Deleted { get; set; }
    [JsonPropertyName("activated")] public bool? Activated { get; set; }
    [JsonPropertyName("is_active")] public bool? IsActive { get; set; }
    [JsonPropertyName("sso_auth")] public bool? SsoAuth { get; set; }
    [JsonPropertyName("two_fa")] public bool? TwoFa { get; set; }
    [JsonPropertyName("groups")] public List<StjUserGroup>? Groups { get; set; }
    [JsonPropertyName("auth_types")] public List<string>? AuthTypes { get; set; }
    [JsonPropertyName("user_type")] public string? UserType { get; set; }
    [JsonPropertyName("client_and_roles")] public List<StjClientAndRoles>? ClientAndRoles { get; set; }
}

public sealed class StjUserGroup
{
    [JsonPropertyName("id")] public int Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
}

public sealed class StjClientAndRoles
{
    [JsonPropertyName("client_id")] public int? ClientId { get; set; }
    [JsonPropertyName("client_company_name")] public string? ClientCompanyName { get; set; }
    [JsonPropertyName("user_id")] public int? UserId { get; set; }
    [JsonPropertyName("user_roles")] public List<string>? UserRoles { get; set; }
}

public sealed class StjUserPage
{
    [JsonPropertyName("count")] public int Count { get; set; }
    [JsonPropertyName("next")] public string? Next { get; set; }
    [JsonPropertyName("previous")] public string? Previous { get; set; }
    [JsonPropertyName("results")] public List<StjUser> Results { get; set; } = [];
}

public sealed class StjUserUpdate
{
    [JsonPropertyName("auth_types")] public List<string>? AuthTypes { get; set; }
    [JsonPropertyName("email")] public string? Email { get; set; }
    [JsonPropertyName("lang")] public string? Lang { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("phone")] public string? Phone { get; set; }
}

#pragma warning restore CA1002, CA1056, CA2227

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StjUser))]
[JsonSerializable(typeof(StjUserPage))]
[JsonSerializable(typeof(StjUserUpdate))]
public sealed partial class StjContext : JsonSerializerContext;
