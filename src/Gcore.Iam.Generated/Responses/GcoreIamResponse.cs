using System.Globalization;

namespace Gcore.Iam;

/// <summary>
/// The HTTP answer of a call, in the style of Gcore's Python SDK <c>with_raw_response</c>:
/// <c>await gcore.Users.WithRawResponse.GetUserAsync(42)</c> gives the status, the headers and Gcore's
/// request id next to the typed <see cref="GcoreIamResponse{T}.Value"/>. The headers are a copy taken
/// when the call ended; the connection is already released.
/// <para>
/// An error answer (<see cref="IsError"/>) comes here only from a call made with
/// <see cref="GcoreIamRequestOptions.NoThrow"/>; without it, an error status throws. It carries Gcore's
/// error in <see cref="Error"/>, and <see cref="GcoreIamResponse{T}.Value"/> and <see cref="ThrowIfError"/>
/// throw the exception the call would have thrown.
/// </para>
/// Build one in your own tests with <see cref="GcoreIamModelFactory.Response{T}(T, int, IEnumerable{KeyValuePair{string, string}}?, string?, int)"/>
/// (an error answer: <see cref="GcoreIamModelFactory.FailedResponse{T}(GcoreIamErrorDetails)"/>).
/// </summary>
public class GcoreIamResponse
{
    /// <summary>The header Gcore puts its request id in.</summary>
    public const string RequestIdHeader = "X-Request-ID";

    // The exception an error answer stands for (NoThrow); null for a success. Its details are Error.
    private readonly GcoreIamApiException? _failure;

    internal GcoreIamResponse(int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, int attempts)
    {
        StatusCode = statusCode;
        Headers = headers;
        Attempts = attempts;
    }

    /// <summary>An error answer: what <paramref name="failure"/> reports of it (status, headers, attempts), and the exception itself for <see cref="ThrowIfError"/>.</summary>
    internal GcoreIamResponse(GcoreIamApiException failure)
        : this(failure.StatusCode, failure.Headers, failure.Attempts)
    {
        _failure = failure;
    }

    /// <summary>The HTTP status code (200, 201, 204, ...; with <see cref="GcoreIamRequestOptions.NoThrow"/>, also 4xx and 5xx).</summary>
    public int StatusCode { get; }

    /// <summary>The response and content headers, by name (case-insensitive), as the server sent them (a value shaped like a credential redacted, as in the exceptions' headers).</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    /// <summary>
    /// Gcore's request id, or null when the answer had none: the <c>X-Request-ID</c> header (of an error
    /// answer: the body's <c>request_id</c> when it had one, as <see cref="GcoreIamErrorDetails.RequestId"/>). Quote it to Gcore support.
    /// </summary>
    // Looked up when asked (not kept), so that a raw answer is no larger than before error answers existed.
    public string? RequestId => _failure is not null
        ? _failure.RequestId
        : Headers.TryGetValue(RequestIdHeader, out var ids) && ids.FirstOrDefault() is { Length: > 0 } id ? id : null;

    /// <summary>How many attempts the call took (1 when it was not retried).</summary>
    public int Attempts { get; }

    /// <summary>
    /// True for an answer with an error status, which a call returns only with
    /// <see cref="GcoreIamRequestOptions.NoThrow"/>: see <see cref="Error"/>.
    /// </summary>
    public bool IsError => _failure is not null;

    /// <summary>
    /// Gcore's error, for an error answer (<see cref="IsError"/>): the same details the exception carries
    /// (<see cref="GcoreIamApiException.Details"/>: Gcore's message, field errors, <c>exception_class</c>,
    /// request id, a bounded and redacted copy of the body). Null for a success.
    /// </summary>
    public GcoreIamErrorDetails? Error => _failure?.Details;

    /// <summary>
    /// For an error answer, the message the exception would have had: the status, what to do, Gcore's words,
    /// the request id and, for a change that may not be sent twice answered with a 5xx, that it may have been
    /// applied and how to check. Null for a success. It carries no credential.
    /// </summary>
    public string? ErrorMessage => _failure?.Message;

    /// <summary>
    /// Throws, for an error answer, the exception the call would have thrown without
    /// <see cref="GcoreIamRequestOptions.NoThrow"/> (its type by status, such as <see cref="GcoreIamNotFoundException"/>;
    /// the same message and details); does nothing for a success.
    /// </summary>
    /// <exception cref="GcoreIamApiException">The answer has an error status.</exception>
    public void ThrowIfError()
    {
        if (_failure is not null)
        {
            throw Rethrown(_failure);
        }
    }

    /// <summary>Describes the answer by status and request id (not its headers; not Gcore's words, which may quote what was sent).</summary>
    /// <returns>For example <c>GcoreIamResponse { StatusCode = 200, RequestId = 9f1c, Attempts = 1 }</c>, or <c>GcoreIamResponse { StatusCode = 404, IsError = true, RequestId = (none), Attempts = 1 }</c>.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"GcoreIamResponse {{ StatusCode = {StatusCode}, {(IsError ? "IsError = true, " : "")}RequestId = {RequestId ?? "(none)"}, Attempts = {Attempts} }}");

    /// <summary>The exception of an error answer, as a new instance each time (a response may be read from several threads; one instance thrown twice would share its stack trace).</summary>
    private protected static GcoreIamApiException Rethrown(GcoreIamApiException failure) =>
        GcoreIamStatus.Create(failure.Message, failure.Details);

    /// <summary>The exception an error answer stands for, or null for a success.</summary>
    private protected GcoreIamApiException? Failure => _failure;

    /// <summary>Used by the generated clients (templates/Client.Class.liquid) for an operation without a body.</summary>
    internal static GcoreIamResponse Create(HttpResponseMessage response, int attempts) =>
        new(StatusOf(response), HeadersOf(response), attempts);

    /// <summary>Used by the generated clients for an operation with a body.</summary>
    internal static GcoreIamResponse<T> Create<T>(T value, HttpResponseMessage response, int attempts) =>
        new(value, StatusOf(response), HeadersOf(response), attempts);

    /// <summary>An error answer of an operation without a body, returned instead of <paramref name="failure"/> (<see cref="GcoreIamRequestOptions.NoThrow"/>).</summary>
    internal static GcoreIamResponse Failed(GcoreIamApiException failure) => new(failure);

    /// <summary>An error answer of an operation with a body, returned instead of <paramref name="failure"/> (<see cref="GcoreIamRequestOptions.NoThrow"/>).</summary>
    internal static GcoreIamResponse<T> Failed<T>(GcoreIamApiException failure) => new(failure);

    // The one header copy of the library (keys ignoring case, credential-shaped values redacted).
    private static Dictionary<string, IEnumerable<string>> HeadersOf(HttpResponseMessage response) =>
        ResponseHeaders.CopyOf(response, secret: null);

    /// <summary>Headers given as pairs (a name given twice keeps both values), for the model factory.</summary>
    internal static Dictionary<string, IEnumerable<string>> HeadersOf(IEnumerable<KeyValuePair<string, string>>? headers) =>
        (headers ?? []).GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IEnumerable<string>)g.Select(h => h.Value).ToArray(), StringComparer.OrdinalIgnoreCase);

    private static int StatusOf(HttpResponseMessage response) => (int)response.StatusCode;
}

/// <summary>A call's typed result with its HTTP answer (see <see cref="GcoreIamResponse"/>).</summary>
/// <typeparam name="T">The result type of the operation.</typeparam>
public sealed class GcoreIamResponse<T> : GcoreIamResponse
{
    private readonly T _value;

    internal GcoreIamResponse(T value, int statusCode, IReadOnlyDictionary<string, IEnumerable<string>> headers, int attempts)
        : base(statusCode, headers, attempts)
    {
        _value = value;
    }

    internal GcoreIamResponse(GcoreIamApiException failure)
        : base(failure)
    {
        _value = default!;
    }

    /// <summary>
    /// The typed result, as the plain method returns it. For an error answer (<see cref="GcoreIamResponse.IsError"/>,
    /// with <see cref="GcoreIamRequestOptions.NoThrow"/>) there is none: reading it throws the exception the call
    /// would have thrown, so that no default value passes for Gcore's answer.
    /// </summary>
    /// <exception cref="GcoreIamApiException">The answer has an error status (see <see cref="GcoreIamResponse.Error"/>).</exception>
    public T Value => Failure is { } failure ? throw Rethrown(failure) : _value;
}
