using System.Globalization;
using System.Net;

namespace Gcore.Iam;

/// <summary>
/// The one table of what each error status means to this library: the exception type, what the
/// message tells the caller to do, and whether the status is worth another attempt. The exception
/// factory (<see cref="GcoreIamApiException.Create(GcoreIamErrorDetails)"/>), its message, the retry rules
/// (<c>GcoreIamResilience</c>) and the JWT session (<see cref="SessionRefusal"/>: which statuses end a
/// login or a session) read it. The CLI shows the exceptions' own messages.
/// </summary>
internal static class GcoreIamStatus
{
    private static readonly Rule[] Rules =
    [
        new(400, 400, false, (m, d) => new GcoreIamBadRequestException(m, d), _ => "the request was rejected as invalid; check the values sent"),
        new(401, 401, false, (m, d) => new GcoreIamAuthenticationException(m, d), _ => "the credentials were rejected; check the API key (GCORE_API_KEY, or GcoreIamClientOptions.ApiKey), or the Username and Password of a login"),
        new(403, 403, false, (m, d) => new GcoreIamPermissionDeniedException(m, d), _ => "the credentials may not do this; use an API key or a user whose role allows it"),
        new(404, 404, false, (m, d) => new GcoreIamNotFoundException(m, d), _ => "no such object; check the id"),
        new(408, 408, true, (m, d) => new GcoreIamApiException(m, d), _ => "the server gave up waiting for the request; retry later"),
        new(409, 409, false, (m, d) => new GcoreIamConflictException(m, d), _ => "the request conflicts with the object's current state"),
        new(422, 422, false, (m, d) => new GcoreIamUnprocessableEntityException(m, d), _ => "the request's content was rejected; check the values sent"),
        new(429, 429, true, (m, d) => new GcoreIamRateLimitException(m, d), d => d.RetryAfter is { } wait
            ? $"too many requests; retry after {wait.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
            : "too many requests; slow down and retry later"),
        new(500, 599, true, (m, d) => new GcoreIamServerException(m, d), _ => "Gcore failed to handle the request; retry later"),
        new(300, 399, false, (m, d) => new GcoreIamApiException(m, d), _ => "the API does not redirect, so the base URL is probably wrong; check GCORE_BASE_URL"),
    ];

    private static readonly Rule Other = new(0, 0, false, (m, d) => new GcoreIamApiException(m, d), _ => "an unexpected status");

    /// <summary>Whether another attempt may get a different answer (408, 429, 5xx).</summary>
    public static bool IsRetryable(int status) => RuleOf(status).Retryable;

    /// <summary>The exception type that fits <paramref name="details"/>' status.</summary>
    public static GcoreIamApiException Create(string message, GcoreIamErrorDetails details) => RuleOf(details.StatusCode).Create(message, details);

    /// <summary>What the caller should make of the status, in the message's words.</summary>
    public static string Advice(GcoreIamErrorDetails details) => RuleOf(details.StatusCode).Advice(details);

    /// <summary>The status' reason phrase with spaces (<c>Not Found</c>), or an empty string for a status .NET does not name.</summary>
    public static string Reason(int status)
    {
        if (!Enum.IsDefined(typeof(HttpStatusCode), status))
        {
            return "";
        }

        var name = ((HttpStatusCode)status).ToString();
        var text = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                text.Append(' ');
            }

            text.Append(name[i]);
        }

        return text.ToString();
    }

    /// <summary>The JWT session's own calls.</summary>
    public enum SessionStep
    {
        /// <summary><c>POST /iam/auth/jwt/login</c> (and selecting the account after it).</summary>
        LogIn,

        /// <summary><c>POST /iam/auth/jwt/refresh</c>.</summary>
        Refresh,
    }

    /// <summary>
    /// What an error answer to the session's own call means: for a login, 400, 401 and 403 are Gcore
    /// refusing the username, password or one-time password; for a refresh, 400 and 401 are Gcore
    /// refusing the refresh token (the session has ended). Null for any other status (its own exception stands).
    /// </summary>
    public static GcoreIamAuthenticationException? SessionRefusal(GcoreIamApiException e, SessionStep step, bool withOneTimePassword) => step switch
    {
        SessionStep.LogIn when e.StatusCode is 400 or 401 or 403 => new GcoreIamAuthenticationException(
            $"{e.StatusCode} from {e.Method} {e.Path}: Gcore refused the login. Check GcoreIamClientOptions.Username and Password"
            + (withOneTimePassword ? ", and that OneTimePassword is current (each is valid once, for a short time)" : "")
            + "." + GcoreSays(e),
            e.Details),
        SessionStep.Refresh when e.StatusCode is 400 or 401 => new GcoreIamAuthenticationException(
            $"{e.StatusCode} from {e.Method} {e.Path}: the Gcore session has expired (Gcore refused its refresh token; "
            + "refresh tokens last about a day). Log in again: call GcoreIamClient.LogInAsync, or create a new client." + GcoreSays(e),
            e.Details),
        _ => null,
    };

    /// <summary>Gcore's own words in an error answer: its sentence, or its field errors (a login refusal comes as <c>{"errors": [...]}</c>).</summary>
    private static string GcoreSays(GcoreIamApiException e) =>
        !string.IsNullOrEmpty(e.GcoreMessage) ? $" Gcore says: \"{e.GcoreMessage}\"."
        : e.FieldErrors.Count > 0 ? $" Gcore says: {GcoreErrorBody.DescribeFields(e.FieldErrors)}."
        : "";

    /// <summary>
    /// The answer to the session's refresh was lost (<paramref name="e"/>: the connection broke or the
    /// call timed out once the request may have reached Gcore), and the session cannot log in by itself
    /// (it has a one-time password): the refresh token may be spent, so the session ends.
    /// </summary>
    public static GcoreIamAuthenticationException RefreshAnswerLost(GcoreIamException e)
    {
        var (method, path, attempts) = e switch
        {
            GcoreIamConnectionException c => (c.Method, c.Path, c.Attempts),
            GcoreIamTimeoutException t => (t.Method, t.Path, t.Attempts),
            _ => ("POST", "", 1),
        };
        return new GcoreIamAuthenticationException(
            $"{method} {path} got no answer: the Gcore session may have ended (the refresh may have reached Gcore, and its refresh token "
            + "works once). Log in again with a new one-time password: call GcoreIamClient.LogInAsync(oneTimePassword), or create a new client.",
            new GcoreIamErrorDetails { StatusCode = 0, Method = method, Path = path, Attempts = attempts });
    }

    private static Rule RuleOf(int status)
    {
        foreach (var rule in Rules)
        {
            if (status >= rule.From && status <= rule.To)
            {
                return rule;
            }
        }

        return Other;
    }

    private sealed record Rule(
        int From,
        int To,
        bool Retryable,
        Func<string, GcoreIamErrorDetails, GcoreIamApiException> Create,
        Func<GcoreIamErrorDetails, string> Advice);
}
