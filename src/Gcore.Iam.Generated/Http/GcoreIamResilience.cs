using System.Runtime.CompilerServices;
using Gcore.Iam.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Gcore.Iam.Http;

/// <summary>
/// Retries and per-attempt timeouts: the rules, written once, and the two ways they run. A standalone
/// client runs them in <see cref="GcoreIamRetryHandler"/> (a loop of its own: Polly's pipeline, its
/// option validation and its telemetry cost a fresh process about 40 ms before its first answer);
/// dependency injection runs them in Microsoft.Extensions.Http.Resilience's handler (Polly), through
/// <see cref="Configure"/>, where applications configure resilience.
/// <list type="bullet">
/// <item>How many: the call's <see cref="GcoreIamRequestOptions.MaxRetries"/>, else
/// <see cref="GcoreIamClientOptions.MaxRetries"/>. Each retry is counted in the metrics and marked on
/// the operation's span (<see cref="Diagnostics.OperationScope.Retrying"/>).</item>
/// <item>Retried: a connection that could not be made, a connection that broke, an attempt that
/// timed out, 408, 429 and 5xx; exponential backoff with jitter (<see cref="Backoff"/>), or the server's
/// <c>Retry-After</c> / <c>retry-after-ms</c> up to <see cref="GcoreIamClientOptions.MaxRetryAfter"/>.</item>
/// <item>Reads, deletes and updates (PATCH sets absolute values, so repeating it gives the same
/// result) retry on all of these. POST (invite, token creation) retries only when the connection
/// could not be made at all: once the request may have reached the server it is never repeated,
/// so there is no second invitation and no second token.</item>
/// <item>An attempt that times out fails with Polly's <see cref="TimeoutRejectedException"/> in both
/// ways, which <see cref="GcoreIamErrorHandler"/> reports as the attempt timeout.</item>
/// </list>
/// </summary>
internal static class GcoreIamResilience
{
    /// <summary>The rules as Polly strategies, for <c>AddResilienceHandler</c> under dependency injection.</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, GcoreIamClientOptions options, ILogger logger)
    {
        // The strategy is always there (allowing the most retries any call may ask for); how many a
        // call gets is decided per attempt in ShouldRetry: the call's GcoreIamRequestOptions.MaxRetries,
        // else the client's MaxRetries. The delay is always this class's (DelayGenerator), so the
        // backoff settings below only satisfy Polly's option validation.
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = GcoreIamRequestOptions.MaxRetriesLimit,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            ShouldRetryAfterHeader = false, // the delay generator below reads both headers and caps them
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Result, args.Outcome.Exception, args.Context.GetRequestMessage(), options, args.AttemptNumber)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay(args.Outcome.Result, options, args.AttemptNumber)),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                Retrying(request, args.Outcome.Result, args.Outcome.Exception, args.AttemptNumber, args.RetryDelay, logger);
                if (request is not null)
                {
                    GcoreIamRequestHandler.CountResend(request);
                }

                return default;
            },
        });

        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        }
    }

    /// <summary>
    /// Whether the attempt numbered <paramref name="attemptNumber"/> (0 for the first), which ended
    /// with <paramref name="response"/> or <paramref name="exception"/>, is followed by another.
    /// </summary>
    internal static bool ShouldRetry(HttpResponseMessage? response, Exception? exception, HttpRequestMessage? request, GcoreIamClientOptions options, int attemptNumber)
    {
        // A success is never retried (the checks below are made only for the others).
        if (exception is null && (response is null || response.IsSuccessStatusCode))
        {
            return false;
        }

        var maxRetries = (request is null ? null : OperationScope.RequestOptionsOf(request)?.MaxRetries) ?? options.MaxRetries;
        if (attemptNumber >= maxRetries)
        {
            return false;
        }

        var repeatable = request is not null && IsRepeatable(request.Method);
        if (exception is not null)
        {
            return ShouldRetryAfter(exception, repeatable);
        }

        if (!repeatable || !GcoreIamStatus.IsRetryable((int)response!.StatusCode))
        {
            return false;
        }

        // A server that asks for a longer pause than the caller allows gets none: the caller sees
        // the 429 with its Retry-After instead of a call that hangs.
        return ErrorText.RetryAfter(response) is not { } wait || wait <= options.MaxRetryAfter;
    }

    /// <summary>Whether <paramref name="exception"/> is an attempt timeout (Polly's type, in both ways of running the rules).</summary>
    // Kept out of the methods every call runs, so that a call that succeeds does not load Polly.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static bool IsAttemptTimeout(Exception exception) => exception is TimeoutRejectedException;

    /// <summary>The failure of an attempt that ran out of <paramref name="timeout"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Exception AttemptTimedOut(TimeSpan timeout, Exception cancellation) =>
        new TimeoutRejectedException($"The attempt did not complete within the attempt timeout of {timeout}.", timeout, cancellation);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool ShouldRetryAfter(Exception exception, bool repeatable) => exception switch
    {
        HttpRequestException e when e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError => true, // nothing reached the server
        HttpRequestException or IOException or TimeoutRejectedException => repeatable,
        _ => false, // cancellation by the caller, configuration errors, bugs
    };

    /// <summary>The wait before the attempt after <paramref name="attemptNumber"/>: the server's, capped, or the backoff.</summary>
    internal static TimeSpan RetryDelay(HttpResponseMessage? response, GcoreIamClientOptions options, int attemptNumber) =>
        (response is null ? null : ServerDelay(response, options)) ?? Backoff(options, attemptNumber);

    /// <summary>
    /// Exponential backoff with jitter: <see cref="GcoreIamClientOptions.RetryBaseDelay"/> doubled for
    /// each earlier retry, times a random factor between 0.75 and 1.25, at most
    /// <see cref="GcoreIamClientOptions.RetryMaxDelay"/>.
    /// </summary>
    internal static TimeSpan Backoff(GcoreIamClientOptions options, int attemptNumber)
    {
        var doubled = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attemptNumber, 30));
        var jittered = doubled * (0.75 + (Random.Shared.NextDouble() * 0.5));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, options.RetryMaxDelay.TotalMilliseconds));
    }

    /// <summary>Logs a retry, and counts it in the metrics and on the span.</summary>
    internal static void Retrying(HttpRequestMessage? request, HttpResponseMessage? response, Exception? exception, int attemptNumber, TimeSpan delay, ILogger logger)
    {
        Log.Retrying(
            logger,
            request?.Method.Method ?? "?",
            request?.RequestUri?.AbsolutePath ?? "?",
            attemptNumber + 2,
            (long)delay.TotalMilliseconds,
            response is not null ? ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : exception?.GetType().Name ?? "?");
        OperationScope.Retrying(request, response is null ? null : (int)response.StatusCode, exception, attemptNumber + 2, delay);
    }

    private static bool IsRepeatable(HttpMethod method) => method != HttpMethod.Post;

    private static TimeSpan? ServerDelay(HttpResponseMessage response, GcoreIamClientOptions options) =>
        ErrorText.RetryAfter(response) is { } wait ? (wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait) : null;
}
