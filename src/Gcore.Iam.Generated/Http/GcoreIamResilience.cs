using Gcore.Iam.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Gcore.Iam.Http;

/// <summary>
/// Retries and per-attempt timeouts, built with Microsoft.Extensions.Http.Resilience (Polly).
/// Shared by the standalone client and dependency injection.
/// <list type="bullet">
/// <item>How many: the call's <see cref="GcoreIamRequestOptions.MaxRetries"/>, else
/// <see cref="GcoreIamClientOptions.MaxRetries"/>. Each retry is counted in the metrics and marked on
/// the operation's span (<see cref="Diagnostics.OperationScope.Retrying"/>).</item>
/// <item>Retried: a connection that could not be made, a connection that broke, an attempt that
/// timed out, 408, 429 and 5xx; exponential backoff with jitter, or the server's
/// <c>Retry-After</c> / <c>retry-after-ms</c> up to <see cref="GcoreIamClientOptions.MaxRetryAfter"/>.</item>
/// <item>Reads, deletes and updates (PATCH sets absolute values, so repeating it gives the same
/// result) retry on all of these. POST (invite, token creation) retries only when the connection
/// could not be made at all: once the request may have reached the server it is never repeated,
/// so there is no second invitation and no second token.</item>
/// </list>
/// </summary>
internal static class GcoreIamResilience
{
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(GcoreIamClientOptions options, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, options, logger);
        return builder.Build();
    }

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, GcoreIamClientOptions options, ILogger logger)
    {
        // The strategy is always there (allowing the most retries any call may ask for); how many a
        // call gets is decided per attempt in ShouldRetry: the call's GcoreIamRequestOptions.MaxRetries,
        // else the client's MaxRetries.
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = GcoreIamRequestOptions.MaxRetriesLimit,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            ShouldRetryAfterHeader = false, // the delay generator below reads both headers and caps them
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.GetRequestMessage(), options, args.AttemptNumber)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? ServerDelay(response, options) : null),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                Log.Retrying(
                    logger,
                    request?.Method.Method ?? "?",
                    request?.RequestUri?.AbsolutePath ?? "?",
                    args.AttemptNumber + 2,
                    (long)args.RetryDelay.TotalMilliseconds,
                    args.Outcome.Result is { } r ? ((int)r.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : args.Outcome.Exception?.GetType().Name ?? "?");
                OperationScope.Retrying(request, args.Outcome.Result is { } answer ? (int)answer.StatusCode : null, args.Outcome.Exception, args.AttemptNumber + 2, args.RetryDelay);
                return default;
            },
        });

        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
        }
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request, GcoreIamClientOptions options, int attemptNumber)
    {
        var maxRetries = (request is null ? null : OperationScope.RequestOptionsOf(request)?.MaxRetries) ?? options.MaxRetries;
        if (attemptNumber >= maxRetries)
        {
            return false;
        }

        var repeatable = request is not null && IsRepeatable(request.Method);
        switch (outcome.Exception)
        {
            case HttpRequestException e when e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError:
                return true; // nothing reached the server
            case HttpRequestException or IOException or TimeoutRejectedException:
                return repeatable;
            case not null:
                return false; // cancellation by the caller, configuration errors, bugs
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (!GcoreIamStatus.IsRetryable(status) || !repeatable)
        {
            return false;
        }

        // A server that asks for a longer pause than the caller allows gets none: the caller sees
        // the 429 with its Retry-After instead of a call that hangs.
        return ErrorText.RetryAfter(response) is not { } wait || wait <= options.MaxRetryAfter;
    }

    private static bool IsRepeatable(HttpMethod method) => method != HttpMethod.Post;

    private static TimeSpan? ServerDelay(HttpResponseMessage response, GcoreIamClientOptions options) =>
        ErrorText.RetryAfter(response) is { } wait ? (wait > options.MaxRetryAfter ? options.MaxRetryAfter : wait) : null;
}
