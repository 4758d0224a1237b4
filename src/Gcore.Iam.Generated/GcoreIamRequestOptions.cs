namespace Gcore.Iam;

/// <summary>
/// Options for the calls of one client view, in the style of Gcore's Python SDK
/// <c>with_options(timeout=..., max_retries=..., extra_headers=...)</c>:
/// <c>gcore.Users.WithOptions(new GcoreIamRequestOptions { Timeout = TimeSpan.FromMinutes(10) }).ListUsersAsync(1000)</c>.
/// <para>
/// Precedence: a value set here wins over the client's <see cref="GcoreIamClientOptions"/> for the
/// calls of that view; a value left unset (null) keeps the client's. <c>WithOptions</c> on a view that
/// already has options combines them, the later call winning field by field and header by header.
/// Cancellation: the <see cref="CancellationToken"/> here and the method's <c>cancellationToken</c>
/// both cancel a call.
/// </para>
/// <para>
/// Extra headers are sent as given and are never logged, traced or shown by <see cref="ToString"/>
/// (only their names are). Credentials cannot be set through them: <c>Authorization</c> (the client
/// sends the API key itself; rotate it with <see cref="GcoreIamClient.UpdateApiKey"/>),
/// <c>Proxy-Authorization</c> and <c>Cookie</c> are refused with an <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// Error answers as values: with <see cref="NoThrow"/>, the raw views (<c>WithRawResponse</c>) and
/// <see cref="GcoreIamClient.SendAsync"/> return an error status as a <see cref="GcoreIamResponse"/>
/// (<see cref="GcoreIamResponse.IsError"/>, <see cref="GcoreIamResponse.Error"/>) instead of throwing.
/// </para>
/// </summary>
public sealed class GcoreIamRequestOptions
{
    /// <summary>The most retries <see cref="MaxRetries"/> (and <see cref="GcoreIamClientOptions.MaxRetries"/>) may ask for.</summary>
    public const int MaxRetriesLimit = 10;

    private static readonly string[] RefusedHeaders = ["Authorization", "Proxy-Authorization", "Cookie"];

    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);
    private TimeSpan? _timeout;
    private int? _maxRetries;

    // The token of two combined views that both cancel: it lives as long as the options that carry it.
    private CancellationTokenSource? _linkedSource;

    /// <summary>
    /// The longest a call may take, all attempts and waits included, instead of
    /// <see cref="GcoreIamClientOptions.Timeout"/>. Null keeps the client's; positive or
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public TimeSpan? Timeout
    {
        get => _timeout;
        set
        {
            if (value is { } t && t <= TimeSpan.Zero && t != System.Threading.Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(value), t, "Timeout must be positive or Timeout.InfiniteTimeSpan.");
            }

            _timeout = value;
        }
    }

    /// <summary>
    /// Retries for these calls instead of <see cref="GcoreIamClientOptions.MaxRetries"/>: 0 turns them
    /// off, a count up to <see cref="MaxRetriesLimit"/> sets how many; null keeps the client's. What
    /// is retried does not change (an invitation is still never repeated once it may have arrived).
    /// </summary>
    public int? MaxRetries
    {
        get => _maxRetries;
        set
        {
            if (value is < 0 or > MaxRetriesLimit)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"MaxRetries must be between 0 and {MaxRetriesLimit}.");
            }

            _maxRetries = value;
        }
    }

    /// <summary>
    /// For <see cref="GcoreIamClient.SendAsync"/> only: whether its request may be sent again after its
    /// answer was lost (a read, or a change that sets absolute values). Without it, a request the
    /// operation table does not know is never sent again once it may have reached Gcore. The typed
    /// operations ignore it: each has its own rule, declared in the operation table.
    /// </summary>
    public bool SafeToResend { get; set; }

    /// <summary>
    /// True: an answer with an error status (4xx, 5xx) is returned instead of thrown, by the methods that
    /// can return a status: the raw views (<c>gcore.Users.WithOptions(new() { NoThrow = true }).WithRawResponse.GetUserAsync(42)</c>)
    /// and <see cref="GcoreIamClient.SendAsync"/>. Their <see cref="GcoreIamResponse"/> then has
    /// <see cref="GcoreIamResponse.IsError"/>, the status, headers and request id, and Gcore's error in
    /// <see cref="GcoreIamResponse.Error"/> (the details the exception would have carried); reading
    /// <see cref="GcoreIamResponse{T}.Value"/> of it throws that exception.
    /// <para>
    /// What does not change: a retryable status (408, 429, 5xx) is retried first, and the last answer is
    /// returned; a connection failure, a timeout, a cancellation, a JWT session that cannot log in, and a
    /// success answer the client cannot read (a 2xx the operation does not document, or a body it cannot
    /// represent: <see cref="GcoreIamInvalidResponseException"/>) still throw. The plain methods (which return the result
    /// only) and the walkers (<c>ListAll...Async</c>) still throw: they have no status to return.
    /// Null keeps the view's (false for a client without options); false turns it off for a view of a
    /// view that had it on.
    /// </para>
    /// </summary>
    public bool? NoThrow { get; set; }

    /// <summary>A call of the JWT session itself: it carries <see cref="SessionAuthorization"/>, not the client's credential.</summary>
    internal bool IsSessionCall { get; private init; }

    /// <summary>For a session call: the credential it carries (the login's access token), or null for none.</summary>
    internal Http.Credential? SessionAuthorization { get; private init; }

    /// <summary>The options of a call the JWT session makes itself (<c>Auth/GeneratedJwtCalls.cs</c>).</summary>
    internal static GcoreIamRequestOptions ForSession(Http.Credential? authorization) => new() { IsSessionCall = true, SessionAuthorization = authorization };

    /// <summary>Cancels every call made with these options (besides each method's own <c>cancellationToken</c>).</summary>
    public CancellationToken CancellationToken { get; set; }

    /// <summary>The extra headers, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary>Turns retries off for these calls (<c>MaxRetries = 0</c>).</summary>
    /// <returns>This instance.</returns>
    public GcoreIamRequestOptions WithoutRetries()
    {
        MaxRetries = 0;
        return this;
    }

    /// <summary>
    /// Adds (or replaces) an extra request header. The value is sent, never logged or traced.
    /// </summary>
    /// <param name="name">A header name; not <c>Authorization</c>, <c>Proxy-Authorization</c>, <c>Cookie</c>, nor a content header.</param>
    /// <param name="value">The value, without line breaks.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentException">The name is refused or not a header name, or the value holds a line break, NUL or a non-ASCII character.</exception>
    public GcoreIamRequestOptions AddHeader(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        if (RefusedHeaders.Any(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException(
                $"The header '{name}' cannot be set per call: the client sends the API key itself (rotate it with GcoreIamClient.UpdateApiKey), and credentials do not go into extra headers.",
                nameof(name));
        }

        if (value.Any(c => c is '\r' or '\n' or '\0' or > '\u007e'))
        {
            // Sent anyway, such a value would fail the request as if Gcore could not be reached.
            throw new ArgumentException($"The value of the header '{name}' contains a line break, NUL or a non-ASCII character; HTTP header values are ASCII (encode it, for example as percent-encoded UTF-8).", nameof(value));
        }

        using (var probe = new HttpRequestMessage())
        {
            if (!probe.Headers.TryAddWithoutValidation(name, value))
            {
                throw new ArgumentException($"'{name}' is not a request header name (content headers such as Content-Type are set by the client).", nameof(name));
            }
        }

        _headers[name] = value;
        return this;
    }

    /// <summary>Describes the options; extra headers by name only.</summary>
    /// <returns>For example <c>GcoreIamRequestOptions { Timeout = 00:10:00, MaxRetries = 0, Headers = [X-Trace-Tag] }</c> (and <c>NoThrow = true</c> when set).</returns>
    public override string ToString() =>
        $"GcoreIamRequestOptions {{ Timeout = {(Timeout?.ToString() ?? "(client's)")}, MaxRetries = {(MaxRetries?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(client's)")}, "
        + (NoThrow is { } noThrow ? $"NoThrow = {(noThrow ? "true" : "false")}, " : "")
        + $"Headers = [{string.Join(", ", _headers.Keys)}] }}";

    /// <summary><paramref name="later"/> over <paramref name="earlier"/>, as a new instance (later changes to either do not reach it).</summary>
    internal static GcoreIamRequestOptions Combine(GcoreIamRequestOptions? earlier, GcoreIamRequestOptions later)
    {
        var combined = new GcoreIamRequestOptions
        {
            _timeout = later._timeout ?? earlier?._timeout,
            _maxRetries = later._maxRetries ?? earlier?._maxRetries,
            NoThrow = later.NoThrow ?? earlier?.NoThrow,
            SafeToResend = later.SafeToResend || earlier?.SafeToResend == true,
            IsSessionCall = later.IsSessionCall || earlier?.IsSessionCall == true,
            SessionAuthorization = later.SessionAuthorization ?? earlier?.SessionAuthorization,
            CancellationToken = later.CancellationToken.CanBeCanceled ? later.CancellationToken : earlier?.CancellationToken ?? default,
        };
        if (earlier is not null && earlier.CancellationToken.CanBeCanceled && later.CancellationToken.CanBeCanceled
            && earlier.CancellationToken != later.CancellationToken)
        {
            combined._linkedSource = CancellationTokenSource.CreateLinkedTokenSource(earlier.CancellationToken, later.CancellationToken);
            combined.CancellationToken = combined._linkedSource.Token;
        }

        foreach (var source in new[] { earlier?._headers, later._headers })
        {
            foreach (var (name, value) in source ?? [])
            {
                combined._headers[name] = value;
            }
        }

        return combined;
    }

    /// <summary>Puts the extra headers on a request (before its first attempt; retries resend them).</summary>
    internal void Apply(HttpRequestMessage request)
    {
        foreach (var (name, value) in _headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }
}
