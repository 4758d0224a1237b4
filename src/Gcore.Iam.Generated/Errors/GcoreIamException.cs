namespace Gcore.Iam;

/// <summary>
/// The base of every error this library raises: catch it to handle any failure of a Gcore IAM
/// call. Messages say what happened and what to do, and never contain the API key.
/// </summary>
public class GcoreIamException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public GcoreIamException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The client is not configured so that a request can be sent (no API key, a base URL that is not
/// absolute, plain HTTP to a host that is not loopback). Raised before anything is sent.
/// </summary>
public class GcoreIamConfigurationException : GcoreIamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing or wrong, and how to fix it.</param>
    public GcoreIamConfigurationException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// The request did not reach Gcore, or the connection broke before an answer came (then
/// <see cref="MayHaveReachedGcore"/> is true, and for an operation that may not be sent twice the
/// message says how to check whether the change was made).
/// </summary>
public class GcoreIamConnectionException : GcoreIamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="method">The HTTP method of the request.</param>
    /// <param name="path">The path of the request.</param>
    /// <param name="innerException">The network error.</param>
    public GcoreIamConnectionException(string message, string method, string path, Exception? innerException)
        : base(message, innerException)
    {
        Method = method;
        Path = path;
    }

    /// <summary>The HTTP method of the request.</summary>
    public string Method { get; }

    /// <summary>The path of the request (no query, no host).</summary>
    public string Path { get; }

    /// <summary>How many attempts were made (more than one when retries are on).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>
    /// Whether the request may have reached Gcore (the connection broke after it was made): a change may
    /// then have been made although its answer was lost. False when no connection could be made at all.
    /// </summary>
    public bool MayHaveReachedGcore { get; init; }
}

/// <summary>No answer came within the configured timeout.</summary>
public class GcoreIamTimeoutException : GcoreIamException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What timed out.</param>
    /// <param name="method">The HTTP method of the request.</param>
    /// <param name="path">The path of the request.</param>
    /// <param name="timeout">The timeout that ran out.</param>
    /// <param name="innerException">The cancellation that ended the request.</param>
    public GcoreIamTimeoutException(string message, string method, string path, TimeSpan timeout, Exception? innerException)
        : base(message, innerException)
    {
        Method = method;
        Path = path;
        Timeout = timeout;
    }

    /// <summary>The HTTP method of the request.</summary>
    public string Method { get; }

    /// <summary>The path of the request (no query, no host).</summary>
    public string Path { get; }

    /// <summary>The timeout that ran out.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many attempts were made (more than one when retries are on).</summary>
    public int Attempts { get; init; } = 1;
}

/// <summary>
/// Gcore answered with success, but the body is not what the API promises: malformed JSON, an
/// HTML page from a proxy, a value of the wrong type, a missing required member, or no body where
/// one is required. The generated clients raise it (it is NSwag's exception class).
/// </summary>
public class GcoreIamInvalidResponseException : GcoreIamException
{
    /// <summary>Creates the exception; the signature is the one NSwag's generated code calls.</summary>
    /// <param name="message">What could not be read.</param>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="response">The body, when the client read it as text.</param>
    /// <param name="headers">The response headers.</param>
    /// <param name="innerException">The parser's error.</param>
    public GcoreIamInvalidResponseException(
        string message,
        int statusCode,
        string? response,
        IReadOnlyDictionary<string, IEnumerable<string>> headers,
        Exception? innerException)
        : base(Describe(message, statusCode, innerException), Sanitize(innerException))
    {
        StatusCode = statusCode;
        ResponseBody = ErrorText.Bound(response);
        Headers = ResponseHeaders.Snapshot(headers);
    }

    /// <summary>The HTTP status of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>At most the first 4 KB of the body, when it was read as text.</summary>
    public string? ResponseBody { get; }

    /// <summary>The response headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }

    // A parser's message can quote the body; if the body echoed a key, the inner exception is
    // replaced by a redacted copy so that ToString() cannot leak it.
    private static Exception? Sanitize(Exception? inner) =>
        inner is not null && Redaction.AnyKnownIn(inner.ToString())
            ? new InvalidDataException(Redaction.Redact(inner.Message))
            : inner;

    private static string Describe(string message, int statusCode, Exception? inner)
    {
        var detail = inner is null ? "" : " " + Redaction.Redact(inner.Message);
        return $"Gcore answered {statusCode} but the body could not be read: {message}{detail} "
            + "This usually means a proxy answered instead of Gcore, or the API changed; check GCORE_BASE_URL and update the client.";
    }
}
