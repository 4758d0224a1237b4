using Gcore.Iam.Diagnostics;

namespace Gcore.Iam.Http;

/// <summary>
/// The call's error mapping: what <see cref="SendAsync"/> raises for an error status (or, with
/// <see cref="GcoreIamRequestOptions.NoThrow"/> on a method that can return it, keeps as
/// <see cref="ErrorAnswer"/>), a connection failure or a timeout (and <see cref="Failed"/> for a body
/// cut off), each message saying what went
/// wrong and what to do, and, for an operation that may not be sent twice, that the change may have
/// been made and how to check (its <see cref="GcoreIamOperation.ResendCheck"/>). Kept apart from what
/// every call runs, so that the first call of a process compiles only the latter.
/// </summary>
internal sealed partial class GcoreIamCall
{
    private bool CallTimedOutNow => !_caller.IsCancellationRequested && _timeout.IsCancellationRequested;

    /// <summary>The failures turned into the library's exceptions; any other (the caller's cancellation, a configuration error, a bug) passes as it is.</summary>
    private bool IsMapped(Exception e) =>
        !_caller.IsCancellationRequested
        && (_timeout.IsCancellationRequested || AttemptTimedOutAfter is not null || TransportFailure.Of(e) != TransportFailureKind.None);

    private GcoreIamException FailureOf(Exception e, GcoreIamClientOptions settings)
    {
        var method = Method.Method;
        var path = PathOf();
        if (CallTimedOutNow)
        {
            return CallTimedOut(e, duringBody: false);
        }

        if (AttemptTimedOutAfter is { } attemptTimeout)
        {
            return Logged(new GcoreIamTimeoutException(
                $"{method} {path} got no answer within the attempt timeout of {Seconds(attemptTimeout)} s ({Attempts} attempt(s)). "
                + "Gcore or the network is slow; retry later, or raise GcoreIamClientOptions.AttemptTimeout." + MayHaveBeenMade(),
                method, path, attemptTimeout, e)
            { Attempts = Attempts });
        }

        var reason = Redaction.Redact(e.Message, SentSecret);
        if (TransportFailure.Of(e) == TransportFailureKind.NotConnected)
        {
            return Logged(new GcoreIamConnectionException(
                $"{method} {path} could not reach Gcore ({Attempts} attempt(s)): {reason} Check the network and GCORE_BASE_URL.",
                method, path, e)
            { Attempts = Attempts });
        }

        return Logged(new GcoreIamConnectionException(
            MayResendAfterLoss
                ? $"{method} {path} could not reach Gcore: the connection broke before an answer came ({Attempts} attempt(s)): {reason} Check the network and GCORE_BASE_URL."
                : $"{method} {path} lost the connection before Gcore's answer came ({Attempts} attempt(s)): {reason}" + MayHaveBeenMade(),
            method, path, e)
        { Attempts = Attempts, MayHaveReachedGcore = true });
    }

    /// <summary>The call timeout ran out: before the answer's headers arrived, or while its body was read.</summary>
    private GcoreIamTimeoutException CallTimedOut(Exception e, bool duringBody)
    {
        var method = Method.Method;
        var path = PathOf();
        var what = duringBody ? "got no complete answer (its body was still arriving)" : "got no answer";
        return Logged(new GcoreIamTimeoutException(
            $"{method} {path} {what} within the call timeout of {Seconds(_callTimeout)} s ({Attempts} attempt(s)). "
            + "Gcore or the network is slow; retry later, or raise GcoreIamClientOptions.Timeout (or GcoreIamRequestOptions.Timeout of this call)."
            + (duringBody ? "" : MayHaveBeenMade()),
            method, path, _callTimeout, e)
        { Attempts = Attempts });
    }

    /// <summary>The connection failed while a success answer's body was arriving (after the retries were decided: not sent again).</summary>
    private GcoreIamConnectionException BodyCutOff(Exception e)
    {
        var method = Method.Method;
        var path = PathOf();
        return Logged(new GcoreIamConnectionException(
            $"{method} {path} lost the connection while the answer's body was arriving ({Attempts} attempt(s)): "
            + $"{Redaction.Redact(e.Message, SentSecret)} Gcore answered with success, so the call took effect; "
            + (Operation.ResendCheck is { } check ? $"to see its result, {check}." : "read again to see its result."),
            method, path, e)
        { Attempts = Attempts, MayHaveReachedGcore = true });
    }

    /// <summary>
    /// For an operation that may not be sent twice: the change may have been made, it was not sent again,
    /// and how to see whether it was. Empty for one that may be sent again.
    /// </summary>
    private string MayHaveBeenMade() =>
        MayResendAfterLoss
            ? ""
            : $" The request may have reached Gcore and the change may have been applied: {Operation.Name} is not sent twice "
              + $"({(Operation.Resend == ResendRule.Once ? "what it sends works once" : "a second request would be refused or act again")}). "
              + $"Before repeating it, {Operation.ResendCheck ?? "check whether the change was made"}.";

    /// <summary>
    /// An answer with an error status: the library's exception (raised, or with NoThrow kept as <see cref="ErrorAnswer"/>),
    /// or a resent request's 404 as done (its resend rule, before NoThrow is asked).
    /// </summary>
    private async Task<HttpResponseMessage> FailedAnswerAsync(HttpResponseMessage response)
    {
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound && Operation.Resend == ResendRule.SafeWhenGoneIsDone && EarlierAttemptMayHaveActed)
        {
            // An earlier attempt whose answer was lost removed it: what was asked is done.
            response.Dispose();
            return new HttpResponseMessage(System.Net.HttpStatusCode.NoContent) { RequestMessage = this, Content = new ByteArrayContent([]) };
        }

        using (response)
        {
            string? body;
            try
            {
                body = await ErrorText.ReadBoundedAsync(response.Content, _timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (TransportFailure.Of(e) != TransportFailureKind.None
                || (e is OperationCanceledException && !_caller.IsCancellationRequested))
            {
                body = null; // The status says enough; a body that breaks off is not worth a second error.
            }

            // A 5xx may come after Gcore acted: for an operation that may not be sent twice, the message says how to check.
            var details = ErrorText.Describe(response, Method.Method, PathOf(), body, SentSecret, Attempts);
            var failure = GcoreIamApiException.Create(details, details.StatusCode >= 500 ? MayHaveBeenMade() : "");
            if (!(ErrorAsValue && CallOptions?.NoThrow == true))
            {
                throw Logged(failure);
            }

            // NoThrow: the caller takes the answer as a value. Not logged as a failure (the caller decides what it
            // means; the debug line of every answer has its status); the span and metrics still record the status.
            RecordFailure(failure);
            ErrorAnswer = failure;
            return response;
        }
    }

    private T Logged<T>(T exception)
        where T : GcoreIamException
    {
        Log.Failed(_client.Logger, Method.Method, PathOf(), exception.Message);
        return exception;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
