using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Http;

/// <summary>
/// The retries and the attempt timeout of a standalone client: the rules of
/// <see cref="GcoreIamResilience"/> run in a plain loop. Each attempt is bounded by
/// <see cref="GcoreIamClientOptions.AttemptTimeout"/>; one that times out fails with
/// Polly's <c>TimeoutRejectedException</c>, as under dependency injection (Polly). A retried answer is
/// disposed before the wait.
/// </summary>
internal sealed class GcoreIamRetryHandler(GcoreIamClientOptions options, ILogger logger) : DelegatingHandler
{
    private readonly TimeoutSources _attemptTimeouts = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
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
                failure = GcoreIamResilience.AttemptTimedOut(options.AttemptTimeout, e);
            }
            catch (Exception e) when (GcoreIamResilience.ShouldRetry(null, e, request, options, attemptNumber))
            {
                failure = e;
            }
            finally
            {
                attempt.Dispose();
            }

            if (!GcoreIamResilience.ShouldRetry(response, failure, request, options, attemptNumber))
            {
                return response ?? throw failure!;
            }

            var delay = GcoreIamResilience.RetryDelay(response, options, attemptNumber);
            GcoreIamResilience.Retrying(request, response, failure, attemptNumber, delay, logger);
            response?.Dispose();
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            GcoreIamRequestHandler.CountResend(request);
        }
    }
}
