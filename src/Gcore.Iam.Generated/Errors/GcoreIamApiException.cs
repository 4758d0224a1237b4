using System.Globalization;
using System.Net;

namespace Gcore.Iam;

/// <summary>
/// Gcore answered with an error status (not 2xx). Subclasses tell the common statuses apart;
/// catch this type for all of them.
/// </summary>
public class GcoreIamApiException : GcoreIamException
{
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

    /// <summary>Gcore's <c>message</c>, when the body had one.</summary>
    public string? GcoreMessage => Details.GcoreMessage;

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
        var message = BuildMessage(details);
        return details.StatusCode switch
        {
            400 => new GcoreIamBadRequestException(message, details),
            401 => new GcoreIamAuthenticationException(message, details),
            403 => new GcoreIamPermissionDeniedException(message, details),
            404 => new GcoreIamNotFoundException(message, details),
            409 => new GcoreIamConflictException(message, details),
            422 => new GcoreIamUnprocessableEntityException(message, details),
            429 => new GcoreIamRateLimitException(message, details),
            >= 500 and <= 599 => new GcoreIamServerException(message, details),
            _ => new GcoreIamApiException(message, details),
        };
    }

    private static string BuildMessage(GcoreIamErrorDetails d)
    {
        var what = d.StatusCode switch
        {
            400 => "the request was rejected as invalid; check the values sent",
            401 => "the API key was rejected; check GCORE_API_KEY (or GcoreIamClientOptions.ApiKey)",
            403 => "the API key may not do this; use a key whose role allows it",
            404 => "no such object; check the id",
            409 => "the request conflicts with the object's current state",
            422 => "the request's content was rejected; check the values sent",
            429 => d.RetryAfter is { } wait
                ? $"too many requests; retry after {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
                : "too many requests; slow down and retry later",
            >= 500 and <= 599 => "Gcore failed to handle the request; retry later",
            >= 300 and <= 399 => "the API does not redirect, so the base URL is probably wrong; check GCORE_BASE_URL",
            _ => "an unexpected status",
        };
        var reason = Enum.IsDefined(typeof(HttpStatusCode), d.StatusCode) ? " " + (HttpStatusCode)d.StatusCode : "";
        var text = $"{d.StatusCode}{reason} from {d.Method} {d.Path}: {what}.";
        if (!string.IsNullOrEmpty(d.GcoreMessage))
        {
            text += $" Gcore says: \"{d.GcoreMessage}\".";
        }
        else if (d.ResponseBody is { Length: > 0 } && !d.BodyIsJson)
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

/// <summary>400: the request was invalid (see <see cref="GcoreIamErrorDetails.InvalidFields"/>).</summary>
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
