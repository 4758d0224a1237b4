using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Gcore.Iam.Benchmarks.Baselines;

/// <summary>
/// The HTTP half of a hand-written Newtonsoft.Json client, shared by both Newtonsoft baselines: one
/// serializer for the process; headers set once on the HttpClient; the answer read as a stream
/// (<c>ResponseHeadersRead</c>, <see cref="JsonTextReader"/> over the response stream, char buffers
/// from a pool); a request body written as UTF-8 bytes with a known length. No error mapping, no
/// per-request checks: only what a call needs.
/// </summary>
public sealed class NewtonsoftCalls : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly HttpClient _http;
    private readonly JsonSerializer _serializer;

    public NewtonsoftCalls(HttpMessageHandler transport, Uri baseAddress, string apiKey, string product, JsonSerializer serializer)
    {
        _serializer = serializer;
        _http = new HttpClient(transport, disposeHandler: false)
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "APIKey " + apiKey);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue(product, "1.0"));
    }

    public void Dispose() => _http.Dispose();

    public Task<T> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<T> PatchAsync<T>(string path, object body, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonBody(body) }, cancellationToken);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var text = new StreamReader(stream, Utf8);
            using var json = new JsonTextReader(text) { ArrayPool = CharPool.Instance, CloseInput = false };
            return _serializer.Deserialize<T>(json) ?? throw new JsonSerializationException("The answer was null.");
        }
    }

    private ByteArrayContent JsonBody(object value)
    {
        var buffer = new MemoryStream(256);
        using (var text = new StreamWriter(buffer, Utf8, 256, leaveOpen: true))
        using (var json = new JsonTextWriter(text) { ArrayPool = CharPool.Instance })
        {
            _serializer.Serialize(json, value);
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
