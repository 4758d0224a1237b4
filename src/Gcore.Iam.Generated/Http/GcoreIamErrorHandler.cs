using System.Diagnostics;
using Gcore.Iam.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Http;

/// <summary>
/// The outermost handler: it bounds the whole call (all attempts, and the reading of a success
/// answer's body, see <see cref="CallTimeoutContent"/>) by
/// <see cref="GcoreIamClientOptions.Timeout"/> (or the call's <see cref="GcoreIamRequestOptions.Timeout"/>) and turns every failure into the library's
/// exceptions: an error status into a <see cref="GcoreIamApiException"/> subclass (Gcore's error
/// fields, a bounded and redacted copy of the body, the attempts made), a network error into
/// <see cref="GcoreIamConnectionException"/>, a timeout into <see cref="GcoreIamTimeoutException"/>.
/// Cancellation by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class GcoreIamErrorHandler(Func<GcoreIamClientOptions> options, ILogger logger) : DelegatingHandler
{
    private readonly TimeoutSources _callTimeouts = new();

    // What every call runs is kept apart from what only a failure needs (FailureOf, FailedAnswerAsync),
    // so that the first call of a process compiles only the former.
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options();
        var callTimeout = OperationScope.RequestOptionsOf(request)?.Timeout ?? settings.Timeout;

        var started = Stopwatch.GetTimestamp();
        // A source even without a timeout: a success answer's content ends its body with it when the reader cancels.
        TimeoutSources.Lease? timeoutSource = _callTimeouts.Start(callTimeout, cancellationToken, alwaysSource: true);
        try
        {
            var token = timeoutSource.Value.Token;
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, token).ConfigureAwait(false);
            }
            catch (Exception e) when (IsMapped(e, callTimedOut: !cancellationToken.IsCancellationRequested && token.IsCancellationRequested))
            {
                throw FailureOf(e, request, settings, callTimeout, callTimedOut: !cancellationToken.IsCancellationRequested && token.IsCancellationRequested);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                Log.Completed(logger, request.Method.Method, PathOf(request), (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, Attempts(request));
            }

            if (response.IsSuccessStatusCode)
            {
                // The body is read after the handlers return: the call timeout goes on with it (CallTimeoutContent).
                response.Content = new CallTimeoutContent(response.Content, timeoutSource.Value, this, request, callTimeout, cancellationToken);
                timeoutSource = null;
                return response;
            }

            return await FailedAnswerAsync(request, response, token, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            timeoutSource?.Dispose(); // handed to the answer's content on success
        }
    }

    /// <summary>The call timeout ran out: before the answer's headers arrived, or while its body was read.</summary>
    internal GcoreIamTimeoutException CallTimedOut(HttpRequestMessage request, TimeSpan callTimeout, Exception e, bool duringBody)
    {
        var method = request.Method.Method;
        var what = duringBody ? "got no complete answer (its body was still arriving)" : "got no answer";
        return Logged(request, new GcoreIamTimeoutException(
            $"{method} {PathOf(request)} {what} within the call timeout of {Seconds(callTimeout)} s "
            + $"({Attempts(request)} attempt(s)). Gcore or the network is slow; retry later, or raise GcoreIamClientOptions.Timeout "
            + "(or GcoreIamRequestOptions.Timeout of this call).",
            method, PathOf(request), callTimeout, e)
        { Attempts = Attempts(request) });
    }

    /// <summary>The connection failed while a success answer's body was arriving (after the retries were decided: not sent again).</summary>
    internal GcoreIamConnectionException BodyCutOff(HttpRequestMessage request, Exception e)
    {
        var method = request.Method.Method;
        return Logged(request, new GcoreIamConnectionException(
            $"{method} {PathOf(request)} lost the connection while the answer's body was arriving ({Attempts(request)} attempt(s)): "
            + $"{Redaction.Redact(e.Message, SecretOf(request))} The call reached Gcore and may have taken effect; check before repeating a change.",
            method, PathOf(request), e)
        { Attempts = Attempts(request) });
    }

    /// <summary>The failures turned into the library's exceptions; any other (the caller's cancellation, a bug) passes as it is.</summary>
    private static bool IsMapped(Exception e, bool callTimedOut) =>
        (e is OperationCanceledException && callTimedOut) || GcoreIamResilience.IsAttemptTimeout(e) || e is HttpRequestException or IOException;

    private GcoreIamException FailureOf(Exception e, HttpRequestMessage request, GcoreIamClientOptions settings, TimeSpan callTimeout, bool callTimedOut)
    {
        var method = request.Method.Method;
        if (e is OperationCanceledException && callTimedOut)
        {
            return CallTimedOut(request, callTimeout, e, duringBody: false);
        }

        if (GcoreIamResilience.IsAttemptTimeout(e))
        {
            return Logged(request, new GcoreIamTimeoutException(
                $"{method} {PathOf(request)} got no answer within the attempt timeout of {Seconds(settings.AttemptTimeout)} s "
                + $"({Attempts(request)} attempt(s)). Gcore or the network is slow; retry later, or raise GcoreIamClientOptions.AttemptTimeout.",
                method, PathOf(request), settings.AttemptTimeout, e)
            { Attempts = Attempts(request) });
        }

        return Logged(request, new GcoreIamConnectionException(
            $"{method} {PathOf(request)} could not reach Gcore ({Attempts(request)} attempt(s)): {Redaction.Redact(e.Message, SecretOf(request))} "
            + "Check the network and GCORE_BASE_URL.",
            method, PathOf(request), e)
        { Attempts = Attempts(request) });
    }

    /// <summary>An answer with an error status: the library's exception, or a retried DELETE's 404 as done.</summary>
    private async Task<HttpResponseMessage> FailedAnswerAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken readToken, CancellationToken cancellationToken)
    {
        var attempts = Attempts(request);
        if (request.Method == HttpMethod.Delete && attempts > 1 && response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // A retried DELETE that finds nothing: an earlier attempt whose answer was lost removed it.
            response.Dispose();
            return new HttpResponseMessage(System.Net.HttpStatusCode.NoContent) { RequestMessage = request, Content = new ByteArrayContent([]) };
        }

        using (response)
        {
            string? body;
            try
            {
                body = await ErrorText.ReadBoundedAsync(response.Content, readToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or IOException
                || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                body = null; // The status says enough; a body that breaks off is not worth a second error.
            }

            throw Logged(request, GcoreIamApiException.Create(ErrorText.Describe(response, request.Method.Method, PathOf(request), body, SecretOf(request), attempts)));
        }
    }

    private T Logged<T>(HttpRequestMessage request, T exception)
        where T : GcoreIamException
    {
        Log.Failed(logger, request.Method.Method, PathOf(request), exception.Message);
        return exception;
    }

    // Only failures and debug logs need the path: it is not built for a call that succeeds.
    private static string PathOf(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0] ?? "";

    private static int Attempts(HttpRequestMessage request) => Math.Max(1, GcoreIamRequestHandler.AttemptsOf(request));

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string? SecretOf(HttpRequestMessage request) =>
        request.Headers.TryGetValues("Authorization", out var values)
            && values.FirstOrDefault() is { } header
            && header.StartsWith("APIKey ", StringComparison.Ordinal)
            ? header["APIKey ".Length..]
            : null;
}
