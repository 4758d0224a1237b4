namespace Gcore.Iam;

/// <summary>
/// Gcore answered with an error status (not 2xx). Subclasses tell the common statuses apart;
/// catch this type for all of them.
/// </summary>
public class GcoreIamApiException : GcoreIamException
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoFields = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Creates the exception from the parts of an error answer.</summary>
    /// <param name="message">What happened and what to do.</param>
    /// <param name="details">The answer's status, Gcore error fields and bounded body.</param>
    public GcoreIamApiException(string message, GcoreIamErrorDetails details)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(details);
        Details = details;
    }

    /// <summary>The answer's status, Gcore error fields and bounded body.</summary>
    public GcoreIamErrorDetails Details { get; }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode => Details.StatusCode;

    /// <summary>The HTTP method of the request.</summary>
    public string Method => Details.Method;

    /// <summary>The path of the request (no query, no host).</summary>
    public string Path => Details.Path;

    /// <summary>Gcore's sentence, when the body had one (see <see cref="GcoreIamErrorDetails.GcoreMessage"/>).</summary>
    public string? GcoreMessage => Details.GcoreMessage;

    /// <summary>
    /// Gcore's field errors: each field (a dotted path such as <c>client_user.role</c> for a nested
    /// one) to Gcore's sentences about it; empty when the body named none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors => Details.FieldErrors ?? NoFields;

    /// <summary>Gcore's <c>exception_class</c>, when the body had one.</summary>
    public string? ExceptionClass => Details.ExceptionClass;

    /// <summary>Gcore's <c>request_id</c> (or the <c>X-Request-ID</c> header): quote it to Gcore support.</summary>
    public string? RequestId => Details.RequestId;

    /// <summary>At most the first 4 KB of the body, with anything that looks like a credential removed.</summary>
    public string? ResponseBody => Details.ResponseBody;

    /// <summary>The response headers.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers => Details.Headers;

    /// <summary>How many attempts were made (more than one when retries are on).</summary>
    public int Attempts => Details.Attempts;

    /// <summary>Creates the exception type that fits the status.</summary>
    /// <param name="details">The parts of the error answer.</param>
    /// <returns>The exception to throw.</returns>
    public static GcoreIamApiException Create(GcoreIamErrorDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return GcoreIamStatus.Create(BuildMessage(details), details);
    }

    /// <summary>The exception for <paramref name="details"/>, its message followed by <paramref name="more"/> (the call's resend advice).</summary>
    internal static GcoreIamApiException Create(GcoreIamErrorDetails details, string more) =>
        GcoreIamStatus.Create(BuildMessage(details) + more, details);

    private static string BuildMessage(GcoreIamErrorDetails d)
    {
        var reason = GcoreIamStatus.Reason(d.StatusCode);
        var text = $"{d.StatusCode}{(reason.Length > 0 ? " " + reason : "")} from {d.Method} {d.Path}: {GcoreIamStatus.Advice(d)}.";
        if (d.FieldErrors is { Count: > 0 } fields)
        {
            text += $" Gcore says these fields are invalid: {GcoreErrorBody.DescribeFields(fields)}.";
        }

        if (!string.IsNullOrEmpty(d.GcoreMessage))
        {
            text += $" Gcore says: \"{d.GcoreMessage}\".";
        }
        else if (d.FieldErrors is not { Count: > 0 } && d.ResponseBody is { Length: > 0 } && !d.BodyIsJson)
        {
            text += " The body was not Gcore's JSON (a proxy may have answered).";
        }

        if (!string.IsNullOrEmpty(d.RequestId))
        {
            text += $" Request id: {d.RequestId}.";
        }

        if (d.Attempts > 1)
        {
            text += $" Attempts: {d.Attempts}.";
        }

        return text;
    }
}

/// <summary>400: the request was invalid (see <see cref="GcoreIamApiException.FieldErrors"/>).</summary>
public class GcoreIamBadRequestException(string message, GcoreIamErrorDetails details) : GcoreIamApiException(message, details);

/// <summary>401: the API key is missing, wrong or expired.</summary>
public class GcoreIamAuthenticationException(string message, GcoreIamErrorDetails details) : GcoreIamApiException(message, details);

/// <summary>403: the API key's role does not allow the operation.</summary>
public class GcoreIamPermissionDeniedException(string message, GcoreIamErrorDetails details) : GcoreIamApiException(message, details);

/// <summary>404: no such object.</summary>
public class GcoreIamNotFoundException(string message, GcoreIamErrorDetails details) : GcoreIamApiException(message, details);

/// <summary>409: the request conflicts with the object's current state.</summary>
public class GcoreIamConflictException(string message, GcoreIamErrorDetails details) : GcoreIamApiException(message, details);

/// <summary>422: the request was understood but its content was rejected.</summary>
public class GcoreIamUnprocessableEntityException(string message, GcoreIamErrorDetails details) : GcoreIamApiException(message, details);

/// <summary>429: too many requests.</summary>
public class GcoreIamRateLimitException(string message, GcoreIamErrorDetails details) : GcoreIamApiException(message, details)
{
    /// <summary>How long Gcore asked to wait (<c>Retry-After</c> or <c>retry-after-ms</c>), when it said.</summary>
    public TimeSpan? RetryAfter => Details.RetryAfter;
}

/// <summary>5xx: Gcore (or a proxy in front of it) failed.</summary>
public class GcoreIamServerException(string message, GcoreIamErrorDetails details) : GcoreIamApiException(message, details);
