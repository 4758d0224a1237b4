using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Http;

/// <summary>
/// The retries and the attempt timeout of a standalone client: the rules of
/// <see cref="GcoreIamResilience"/> run in a plain loop. Each attempt is bounded by
/// <see cref="GcoreIamClientOptions.AttemptTimeout"/>; one that times out is written on the call
/// (<see cref="GcoreIamCall.AttemptTimedOut"/>), as Polly's timeout strategy does under dependency
/// injection, and the last one fails with a <see cref="TimeoutException"/> that the call maps. A
/// retried answer is disposed before the wait.
/// </summary>
internal sealed class GcoreIamRetryHandler(GcoreIamClientOptions options, ILogger logger) : DelegatingHandler
{
    private readonly TimeoutSources _attemptTimeouts = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = GcoreIamCall.Of(request);
        for (var attemptNumber = 0; ; attemptNumber++)
        {
            HttpResponseMessage? response = null;
            Exception? failure = null;
            var attempt = _attemptTimeouts.Start(options.AttemptTimeout, cancellationToken);
            try
            {
                response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException e) when (attempt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                call?.AttemptTimedOut(options.AttemptTimeout);
                failure = new TimeoutException($"The attempt did not complete within the attempt timeout of {options.AttemptTimeout}.", e);
            }
            catch (Exception e) when (GcoreIamResilience.ShouldRetry(null, e, call, options, attemptNumber))
            {
                failure = e;
            }
            finally
            {
                attempt.Dispose();
            }

            if (!GcoreIamResilience.ShouldRetry(response, failure, call, options, attemptNumber))
            {
                return response ?? throw failure!;
            }

            var delay = GcoreIamResilience.RetryDelay(response, options, attemptNumber);
            GcoreIamResilience.Retrying(request, response, failure, attemptNumber, delay, logger);
            var mayHaveActed = GcoreIamResilience.MayHaveActed(response, failure, call);
            response?.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            call?.CountResend(mayHaveActed);
        }
    }
}
