namespace Gcore.Iam.Http;

/// <summary>
/// The outermost handler: it bounds the whole call by the configured timeout and turns every
/// failure into the library's exceptions: an error status into a <see cref="GcoreIamApiException"/>
/// subclass (with Gcore's error fields and a bounded, redacted copy of the body), a network error
/// into <see cref="GcoreIamConnectionException"/>, a timeout into <see cref="GcoreIamTimeoutException"/>.
/// Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class GcoreIamErrorHandler(Func<TimeSpan> timeout) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var method = request.Method.Method;
        var path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "";
        var limit = timeout();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (limit > TimeSpan.Zero && limit != Timeout.InfiniteTimeSpan)
        {
            timeoutSource.CancelAfter(limit);
        }

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && timeoutSource.IsCancellationRequested)
        {
            throw new GcoreIamTimeoutException(
                $"{method} {path} got no answer within {limit.TotalSeconds:0.###} s. Gcore or the network is slow; retry, or raise GcoreIamClientOptions.Timeout.",
                method, path, limit, e);
        }
        catch (HttpRequestException e)
        {
            throw new GcoreIamConnectionException(
                $"{method} {path} could not reach Gcore: {ErrorText.Redact(e.Message, SecretOf(request))} Check the network and GCORE_BASE_URL.",
                method, path, e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            string? body;
            try
            {
                body = await ErrorText.ReadBoundedAsync(response.Content, timeoutSource.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                body = null; // The status says enough; a body that breaks off is not worth a second error.
            }

            throw GcoreIamApiException.Create(ErrorText.Describe(response, method, path, body, SecretOf(request), attempts: 1));
        }
    }

    private static string? SecretOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("Authorization", out var values)
            && values.FirstOrDefault() is { } header
            && header.StartsWith("APIKey ", StringComparison.Ordinal)
            ? header["APIKey ".Length..]
            : null;
}
