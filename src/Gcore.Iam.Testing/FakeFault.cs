namespace Gcore.Iam.Testing;

/// <summary>The kinds of failure the fake can inject.</summary>
public enum FakeFaultKind
{
    /// <summary>429 Too Many Requests with a <c>Retry-After</c> header.</summary>
    RateLimited,

    /// <summary>A 5xx status with a Gcore error body.</summary>
    ServerError,

    /// <summary>The normal answer, after a delay.</summary>
    Delay,

    /// <summary>
    /// The request is read, then the connection is closed cleanly (FIN) without an answer, as a
    /// proxy or a crashing server does. Nothing changes on the server.
    /// </summary>
    DropConnection,

    /// <summary>200 with <c>Content-Type: application/json</c> and a body that is not valid JSON.</summary>
    MalformedBody,

    /// <summary>The request is read, then the connection is reset (RST) without an answer. Nothing changes.</summary>
    ResetConnection,

    /// <summary>
    /// The request is handled (its state change happens: a token is deleted, a user invited), then
    /// the connection is closed cleanly before the answer: the answer is lost.
    /// </summary>
    ApplyThenDrop,

    /// <summary>The normal answer, its body sent a few bytes at a time with a pause before each piece.</summary>
    SlowBody,

    /// <summary>502 Bad Gateway with an HTML page, as a proxy in front of Gcore answers. Nothing changes.</summary>
    ProxyBadGateway,
}

/// <summary>
/// A failure the fake injects into the next matching calls; create one with the static methods
/// and pass it to <see cref="GcoreIamFakeServer.FailNext"/>.
/// </summary>
public sealed record FakeFault
{
    private FakeFault(FakeFaultKind kind) => Kind = kind;

    /// <summary>What kind of failure.</summary>
    public FakeFaultKind Kind { get; }

    /// <summary>The status answered (429, the 5xx, 502 from a proxy, or 200 for a malformed body); 0 for the connection faults and a delay.</summary>
    public int StatusCode { get; private init; }

    /// <summary>The <c>Retry-After</c> sent with a 429 (whole seconds), or null when none is sent.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>How long a <see cref="FakeFaultKind.Delay"/> waits before the normal answer, or a <see cref="FakeFaultKind.SlowBody"/> before each piece of the body.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>429 Too Many Requests, <c>{"message": "Request was throttled..."}</c>.</summary>
    /// <param name="retryAfter">Sent as <c>Retry-After</c> in whole seconds (rounded up); 1 s when not given. For no header use <see cref="RateLimitedWithoutRetryAfter"/>.</param>
    /// <returns>The fault.</returns>
    public static FakeFault RateLimited(TimeSpan? retryAfter = default)
    {
        if (retryAfter is { } wait)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(wait, TimeSpan.Zero);
        }

        return new(FakeFaultKind.RateLimited) { StatusCode = 429, RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1) };
    }

    /// <summary>429 Too Many Requests without a <c>Retry-After</c> header.</summary>
    /// <returns>The fault.</returns>
    public static FakeFault RateLimitedWithoutRetryAfter() => new(FakeFaultKind.RateLimited) { StatusCode = 429 };

    /// <summary>A server error with a Gcore error body.</summary>
    /// <param name="statusCode">500 to 599; default 503.</param>
    /// <returns>The fault.</returns>
    public static FakeFault ServerError(int statusCode = 503)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(FakeFaultKind.ServerError) { StatusCode = statusCode };
    }

    /// <summary>The normal answer, sent after <paramref name="delay"/> (to test timeouts).</summary>
    /// <param name="delay">How long to wait; at most 10 minutes.</param>
    /// <returns>The fault.</returns>
    public static FakeFault Delayed(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, TimeSpan.FromMinutes(10));
        return new(FakeFaultKind.Delay) { Delay = delay };
    }

    /// <summary>
    /// The request is read, then the connection closed cleanly (FIN) without an answer: the client
    /// sees a network error. Nothing changes on the server.
    /// </summary>
    /// <returns>The fault.</returns>
    public static FakeFault DropConnection() => new(FakeFaultKind.DropConnection);

    /// <summary>The request is read, then the connection reset (RST): the client sees a network error. Nothing changes.</summary>
    /// <returns>The fault.</returns>
    public static FakeFault ResetConnection() => new(FakeFaultKind.ResetConnection);

    /// <summary>
    /// The request is handled as usual (the state changes), then the connection is closed cleanly
    /// before the answer: the client sees a network error for a request that took effect.
    /// </summary>
    /// <returns>The fault.</returns>
    public static FakeFault ApplyThenDrop() => new(FakeFaultKind.ApplyThenDrop);

    /// <summary>The normal answer, whose body trickles in: 16 bytes at a time, <paramref name="pause"/> before each.</summary>
    /// <param name="pause">The pause before each piece; at most 10 seconds.</param>
    /// <returns>The fault.</returns>
    public static FakeFault SlowBody(TimeSpan pause)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pause, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pause, TimeSpan.FromSeconds(10));
        return new(FakeFaultKind.SlowBody) { Delay = pause };
    }

    /// <summary>502 Bad Gateway with nginx's HTML page, as a proxy in front of Gcore answers when Gcore does not.</summary>
    /// <returns>The fault.</returns>
    public static FakeFault ProxyBadGateway() => new(FakeFaultKind.ProxyBadGateway) { StatusCode = 502 };

    /// <summary>200 with a JSON content type and a body cut off in the middle.</summary>
    /// <returns>The fault.</returns>
    public static FakeFault MalformedBody() => new(FakeFaultKind.MalformedBody) { StatusCode = 200 };
}
