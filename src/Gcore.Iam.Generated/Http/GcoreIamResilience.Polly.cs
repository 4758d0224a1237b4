using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Gcore.Iam.Http;

/// <summary>
/// The rules of <see cref="GcoreIamResilience"/> as Polly strategies, under dependency injection on .NET 8
/// and later (Microsoft.Extensions.Http.Resilience serves no netstandard2.0 or .NET Framework asset: the
/// project file compiles this file for .NET only, and there the loop of <see cref="GcoreIamRetryHandler"/> runs).
/// </summary>
internal static partial class GcoreIamResilience
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
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome.Result, args.Outcome.Exception, GcoreIamCall.Of(args.Context.GetRequestMessage()), options, args.AttemptNumber)),
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(RetryDelay(args.Outcome.Result, options, args.AttemptNumber)),
            OnRetry = args =>
            {
                var request = args.Context.GetRequestMessage();
                Retrying(request, args.Outcome.Result, args.Outcome.Exception, args.AttemptNumber, args.RetryDelay, logger);
                GcoreIamCall.Of(request)?.CountResend(MayHaveActed(args.Outcome.Result, args.Outcome.Exception, GcoreIamCall.Of(request)));
                return default;
            },
        });

        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            var attemptTimeout = options.AttemptTimeout;
            builder.AddTimeout(new HttpTimeoutStrategyOptions
            {
                Timeout = attemptTimeout,
                OnTimeout = args =>
                {
                    GcoreIamCall.Of(args.Context.GetRequestMessage())?.AttemptTimedOut(attemptTimeout);
                    return default;
                },
            });
        }
    }
}
