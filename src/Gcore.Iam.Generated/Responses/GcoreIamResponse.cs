using System.Globalization;

namespace Gcore.Iam;

/// <summary>
/// The HTTP answer of a successful call, in the style of Gcore's Python SDK
/// <c>with_raw_response</c>: <c>await gcore.Users.WithRawResponse.GetUserAsync(42)</c> gives the
/// status, the headers and Gcore's request id next to the typed <see cref="GcoreIamResponse{T}.Value"/>.
/// The headers are a copy taken when the call ended; the connection is already released.
/// Build one in your own tests with <see cref="GcoreIamModelFactory.Response{T}(T, int, IEnumerable{KeyValuePair{string, string}}?, string?, int)"/>.
/// </summary>
public class GcoreIamResponse
{
    /// <summary>The header Gcore puts its request id in.</summary>
    public const string RequestIdHeader = "X-Request-ID";

    internal GcoreIamResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, int attempts)
    {
        StatusCode = statusCode;
        Headers = headers;
        Attempts = attempts;
        RequestId = headers.TryGetValue(RequestIdHeader, out var ids) && ids.FirstOrDefault() is { Length: > 0 } id ? id : null;
    }

    /// <summary>The HTTP status code (200, 201, 204, ...).</summary>
    public int StatusCode { get; }

    /// <summary>The response and content headers, by name (case-insensitive), as the server sent them (a value shaped like a credential redacted, as in the exceptions' headers).</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>Gcore's request id (the <c>X-Request-ID</c> header), or null when the answer had none. Quote it to Gcore support.</summary>
    public string? RequestId { get; }

    /// <summary>How many attempts the call took (1 when it was not retried).</summary>
    public int Attempts { get; }

    /// <summary>Describes the answer by status and request id (not its headers).</summary>
    /// <returns>For example <c>GcoreIamResponse { StatusCode = 200, RequestId = 9f1c, Attempts = 1 }</c>.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"GcoreIamResponse {{ StatusCode = {StatusCode}, RequestId = {RequestId ?? "(none)"}, Attempts = {Attempts} }}");

    /// <summary>Used by the generated clients (templates/Client.Class.liquid) for an operation without a body.</summary>
    internal static GcoreIamResponse Create(HttpResponseMessage response, int attempts) =>
        new(StatusOf(response), HeadersOf(response), attempts);

    /// <summary>Used by the generated clients for an operation with a body.</summary>
    internal static GcoreIamResponse<T> Create<T>(T value, HttpResponseMessage response, int attempts) =>
        new(value, StatusOf(response), HeadersOf(response), attempts);

    // The one header copy of the library (keys ignoring case, credential-shaped values redacted).
    private static Dictionary<string, IEnumerable<string>> HeadersOf(HttpResponseMessage response) =>
        ResponseHeaders.CopyOf(response, secret: null);

    /// <summary>Headers given as pairs (a name given twice keeps both values), for the model factory.</summary>
    internal static Dictionary<string, IEnumerable<string>> HeadersOf(IEnumerable<KeyValuePair<string, string>>? headers) =>
        (headers ?? []).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IEnumerable<string>)g.Select(h => h.Value).ToArray(), StringComparer.OrdinalIgnoreCase);

    private static int StatusOf(HttpResponseMessage response) => (int)response.StatusCode;
}

/// <summary>A successful call's typed result with its HTTP answer (see <see cref="GcoreIamResponse"/>).</summary>
/// <typeparam name="T">The result type of the operation.</typeparam>
public sealed class GcoreIamResponse<T> : GcoreIamResponse
{
    internal GcoreIamResponse(T value, int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, int attempts)
        : base(statusCode, headers, attempts)
    {
        Value = value;
    }

    /// <summary>The typed result, as the plain method returns it.</summary>
    public T Value { get; }
}
