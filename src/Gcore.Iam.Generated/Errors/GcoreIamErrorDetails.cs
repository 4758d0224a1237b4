namespace Gcore.Iam;

/// <summary>The parts of an error answer, as <see cref="GcoreIamApiException"/> reports them.</summary>
public sealed class GcoreIamErrorDetails
{
    /// <summary>The HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The HTTP method of the request.</summary>
    public required string Method { get; init; }

    /// <summary>The path of the request (no query, no host).</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Gcore's sentence, when the body had one: its <c>message</c> (or <c>detail</c>), or the
    /// sentences of a bare array (<c>["User 1004 has already been invited to client 200123"]</c>), joined.
    /// </summary>
    public string? GcoreMessage { get; init; }

    /// <summary>Gcore's <c>exception_class</c>, when the body had one.</summary>
    public string? ExceptionClass { get; init; }

    /// <summary>Gcore's <c>request_id</c>, or the <c>X-Request-ID</c> header.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// Gcore's field errors, when the body had them: each field (a dotted path for a nested one,
    /// such as <c>client_user.role</c>) to Gcore's sentences about it, in the body's order. Read from
    /// <c>{"errors": {...}}</c> (flat or nested, a list of sentences or a single one) and from
    /// <c>invalid_fields</c>. Redacted, at most 50 fields.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FieldErrors { get; init; }

    /// <summary>At most the first 4 KB of the body, with anything that looks like a credential removed.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>Whether the body was a JSON object.</summary>
    public bool BodyIsJson { get; init; }

    /// <summary>The response headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; init; } = new Dictionary<string, IEnumerable<string>>();

    /// <summary>How long Gcore asked to wait, when it said (<c>Retry-After</c> seconds or date, <c>retry-after-ms</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; init; } = 1;
}
