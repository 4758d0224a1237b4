using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Http;

/// <summary>
/// Retries and per-attempt timeouts: the rules, written once, and the two ways they run. A standalone
/// client runs them in <see cref="GcoreIamRetryHandler"/> (a loop of its own: Polly's pipeline, its
/// option validation and its telemetry cost a fresh process about 40 ms before its first answer);
/// dependency injection runs them in Microsoft.Extensions.Http.Resilience's handler (Polly), through
/// <c>Configure</c> (GcoreIamResilience.Polly.cs), where applications configure resilience. On
/// netstandard2.0 and .NET Framework, which that package does not serve, dependency injection runs the loop.
/// <list type="bullet">
/// <item>How many: the call's <see cref="GcoreIamRequestOptions.MaxRetries"/>, else
/// <see cref="GcoreIamClientOptions.MaxRetries"/>. Each retry is counted in the metrics and marked on
/// the operation's span (<see cref="GcoreIamCall.RecordRetry"/>).</item>
/// <item>Retried: a connection that could not be made, a connection that broke, an attempt that
/// timed out, 408, 429 and 5xx; exponential backoff with jitter (<see cref="Backoff"/>), or the server's
/// <c>Retry-After</c> / <c>retry-after-ms</c> up to <see cref="GcoreIamClientOptions.MaxRetryAfter"/>
/// (failures classified once, by <see cref="TransportFailure"/>).</item>
/// <item>Which requests: the operation's resend rule (<see cref="GcoreIamCall.MayResendAfterLoss"/>,
/// declared in the operation table), never the HTTP method. An operation that may be sent twice (a read,
/// an absolute value, a delete whose second 404 means done) retries on all of these. One that may not (a
/// password or e-mail change, an invitation, a new token, a JWT refresh) retries only when the connection
/// could not be made at all: once the request may have reached Gcore it is not sent again (the call
/// records that, <see cref="GcoreIamCall.WithholdResend"/>), and its caller is told the change may have
/// been made and how to check. A request the library did not make is treated as one that may not.</item>
/// <item>An attempt that times out is written on the call (<see cref="GcoreIamCall.AttemptTimedOut"/>) by
/// whichever runs the rules: the loop, or Polly's timeout strategy (its <c>OnTimeout</c>); the retries
/// and the call's error mapping read it there.</item>
/// </list>
/// </summary>
internal static partial class GcoreIamResilience
{
    /// <summary>
    /// Whether the attempt numbered <paramref name="attemptNumber"/> (0 for the first) of
    /// <paramref name="call"/>, which ended with <paramref name="response"/> or <paramref name="exception"/>,
    /// is followed by another.
    /// </summary>
    internal static bool ShouldRetry(HttpResponseMessage? response, Exception? exception, GcoreIamCall? call, GcoreIamClientOptions options, int attemptNumber)
    {
        // A success is never retried (the checks below are made only for the others).
        if (exception is null && (response is null || response.IsSuccessStatusCode))
        {
            return false;
        }

        var maxRetries = call?.CallOptions?.MaxRetries ?? options.MaxRetries;
        if (attemptNumber >= maxRetries)
        {
            return false;
        }

        if (exception is not null)
        {
            switch (FailureOf(exception, call))
            {
                case TransportFailureKind.NotConnected:
                    return true; // nothing reached Gcore
                case TransportFailureKind.None:
                    return false; // cancellation by the caller, configuration errors, bugs
            }
        }
        else if (!GcoreIamStatus.IsRetryable((int)response!.StatusCode))
        {
            return false;
        }

        if (call is not { MayResendAfterLoss: true })
        {
            // The request may have reached Gcore (an answer came, or the connection broke after it was made).
            call?.WithholdResend();
            return false;
        }

        // A server that asks for a longer pause than the caller allows gets none: the caller sees
        // the 429 with its Retry-After instead of a call that hangs.
        return response is null || ErrorText.RetryAfter(response) is not { } wait || wait <= options.MaxRetryAfter;
    }

    /// <summary>Whether the attempt that ended so may have reached Gcore and acted: a broken connection, a timeout, a 5xx (not a refusal such as 408 or 429).</summary>
    internal static bool MayHaveActed(HttpResponseMessage? response, Exception? exception, GcoreIamCall? call) =>
        exception is not null ? FailureOf(exception, call) == TransportFailureKind.Broken : response is not null && (int)response.StatusCode >= 500;

    /// <summary>An attempt timeout (written on the call by whoever ran it) counts as a connection that broke: the request may have arrived.</summary>
    private static TransportFailureKind FailureOf(Exception exception, GcoreIamCall? call) =>
        call?.AttemptTimedOutAfter is not null ? TransportFailureKind.Broken : TransportFailure.Of(exception);

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
        GcoreIamCall.Of(request)?.RecordRetry(response is null ? null : (int)response.StatusCode, exception, attemptNumber + 2, delay);
    }

    private static TimeSpan? ServerDelay(HttpResponseMessage response, GcoreIamClientOptions options) =>
        ErrorText.RetryAfter(response) is { } wait ? (wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait) : null;
}
