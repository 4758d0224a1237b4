using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Gcore.Iam.Benchmarks.Baselines;

/// <summary>
/// The practical limit for Newtonsoft.Json: the same HTTP calls as the client, written by hand the
/// way a careful engineer would, into the same generated models. One serializer with the client's
/// settings for the process; headers set once on the HttpClient; the answer read as a stream
/// (<c>ResponseHeadersRead</c>, <see cref="JsonTextReader"/> over the response stream, char buffers
/// from a pool); the PATCH body written as UTF-8 bytes with a known length. No error mapping, no
/// per-request checks: only what a call needs.
/// </summary>
public sealed class NewtonsoftBaseline : IDisposable
{
    // The settings the client applies (GcoreIamJson.Configure), so that both read the same way.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        MaxDepth = 64,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
    });

    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly HttpClient _http;

    public NewtonsoftBaseline(HttpMessageHandler transport, Uri baseAddress, string apiKey)
    {
        _http = new HttpClient(transport, disposeHandler: false)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "APIKey " + apiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Gcore.Iam.Baseline", "1.0"));
    }

    public Task<UserPage> ListUsersAsync(int limit, int offset, CancellationToken cancellationToken = default) =>
        SendAsync<UserPage>(
            new HttpRequestMessage(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"iam/users?limit={limit}&offset={offset}")),
            cancellationToken);

    public Task<User> GetUserAsync(int userId, CancellationToken cancellationToken = default) =>
        SendAsync<User>(new HttpRequestMessage(HttpMethod.Get, "iam/users/" + userId.ToString(CultureInfo.InvariantCulture)), cancellationToken);

    public Task<User> UpdateUserAsync(int userId, UserUpdate update, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "iam/users/" + userId.ToString(CultureInfo.InvariantCulture))
        {
            Content = JsonBody(update),
        };
        return SendAsync<User>(request, cancellationToken);
    }

    /// <summary>Every user, a page at a time, with the client's stop rule.</summary>
    public async IAsyncEnumerable<User> ListAllUsersAsync(
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
            if (page.IsUnpaged || offset >= page.Count)
            {
                yield break;
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var text = new StreamReader(stream, Utf8);
            using var json = new JsonTextReader(text) { ArrayPool = CharPool.Instance, CloseInput = false };
            return Serializer.Deserialize<T>(json) ?? throw new JsonSerializationException("The answer was null.");
        }
    }

    private static ByteArrayContent JsonBody(object value)
    {
        var buffer = new MemoryStream(256);
        using (var text = new StreamWriter(buffer, Utf8, 256, leaveOpen: true))
        using (var json = new JsonTextWriter(text) { ArrayPool = CharPool.Instance })
        {
            Serializer.Serialize(json, value);
        }

        var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Newtonsoft's char buffers from the shared pool.</summary>
    private sealed class CharPool : IArrayPool<char>
    {
        public static readonly CharPool Instance = new();

        public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

        public void Return(char[]? array)
        {
            if (array is not null)
            {
                ArrayPool<char>.Shared.Return(array);
            }
        }
    }
}
