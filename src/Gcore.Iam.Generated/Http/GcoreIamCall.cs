using System.Diagnostics;
using Gcore.Iam.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Http;

/// <summary>
/// One call: made by the generated method (templates/Client.Class.liquid) or by
/// <see cref="GcoreIamClient.SendAsync"/>, it is the call's request (sent again, as this same object,
/// for each attempt) and every fact the layers share about the call, each written by the layer that
/// knows it and read from here by the others (no string keys on <c>HttpRequestMessage.Options</c>,
/// no ambient state):
/// <list type="table">
/// <item><term>the operation and its resend rule</term><description>the generated method (<see cref="Operation"/>)</description></item>
/// <item><term>the per-call options, the session's own authorization</term><description>the view the method was called on (<see cref="CallOptions"/>, <see cref="IsSessionCall"/>)</description></item>
/// <item><term>the attempts, and whether an earlier one may have acted</term><description>whoever sends again: the retries, the JWT renewal (<see cref="CountResend"/>)</description></item>
/// <item><term>an attempt that timed out, a resend withheld by the rule</term><description>the retries (<see cref="AttemptTimedOut"/>, <see cref="WithholdResend"/>)</description></item>
/// <item><term>the credential sent</term><description><see cref="GcoreIamRequestHandler"/> (<see cref="Sent"/>)</description></item>
/// <item><term>strict reading, the call timeout, the span</term><description>this object, from the client's options (<see cref="SendAsync"/>)</description></item>
/// <item><term>whether an error answer is returned instead of thrown, and that answer</term><description>the method (<see cref="ErrorAsValue"/>: a raw twin or <see cref="GcoreIamClient.SendAsync"/>) with the options' <see cref="GcoreIamRequestOptions.NoThrow"/>; the error mapping (<see cref="ErrorAnswer"/>)</description></item>
/// </list>
/// The call timeout and the error mapping are here, in <see cref="SendAsync"/> and <see cref="Failed"/>,
/// which the generated method calls: a non-2xx answer, a connection failure or a timeout becomes the
/// library's exception, logged without secrets; a success answer's body is read under the same timeout.
/// </summary>
internal sealed partial class GcoreIamCall : HttpRequestMessage
{
    private readonly ClientCallContext _client;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource? _linked;
    private TimeoutSources.Lease _timeout;
    private bool _started;
    private TimeSpan _callTimeout;
    private HttpResponseMessage? _answer;
    private CancellationTokenRegistration _abortBody;
    private bool _ended;

    // Zero while the latest attempt has not timed out (an attempt timeout that fires is positive): kept as a
    // TimeSpan, not a TimeSpan?, so that the call is no larger than before ErrorAnswer was added (bytes per call).
    private TimeSpan _attemptTimedOutAfter;

    public GcoreIamCall(GcoreIamOperation operation, ClientCallContext client, GcoreIamRequestOptions? options, CancellationToken cancellationToken)
        : base(operation.HttpMethod, (Uri?)null)
    {
        Operation = operation;
        CallOptions = options;
        _client = client;
        _caller = cancellationToken;
        if (options is not null)
        {
            IsSessionCall = options.IsSessionCall;
            SessionAuthorization = options.SessionAuthorization;
            if (options.CancellationToken.CanBeCanceled)
            {
                if (cancellationToken.CanBeCanceled)
                {
                    _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, options.CancellationToken);
                    _caller = _linked.Token;
                }
                else
                {
                    _caller = options.CancellationToken;
                }
            }
        }
    }

    /// <summary>The operation: its names and its resend rule.</summary>
    public GcoreIamOperation Operation { get; }

    /// <summary>The per-call options of the view the method was called on, or null.</summary>
    public GcoreIamRequestOptions? CallOptions { get; }

    /// <summary>A call of the JWT session itself (log in, refresh, select an account): it carries <see cref="SessionAuthorization"/>, not the client's credential, and is not renewed after a 401.</summary>
    public bool IsSessionCall { get; }

    /// <summary>For a session call: the credential to send (the login's access token, to select an account), or null for none.</summary>
    public Credential? SessionAuthorization { get; }

    /// <summary>
    /// The token the call runs with: the method's and the options' until <see cref="SendAsync"/>, then
    /// also the call timeout's (read the answer's body with it).
    /// </summary>
    public CancellationToken CancellationToken => _started ? _timeout.Token : _caller;

    /// <summary>
    /// Set by a method that can return an error answer as a value (a raw twin of the generated methods,
    /// <see cref="GcoreIamClient.SendAsync"/>): with the options' <see cref="GcoreIamRequestOptions.NoThrow"/>,
    /// <see cref="SendAsync"/> then returns an error status instead of raising it, with <see cref="ErrorAnswer"/> set.
    /// </summary>
    public bool ErrorAsValue { get; init; }

    /// <summary>
    /// The error answer <see cref="SendAsync"/> returned instead of raising it (<see cref="ErrorAsValue"/> with
    /// <see cref="GcoreIamRequestOptions.NoThrow"/>): the exception it would have raised. Null otherwise.
    /// </summary>
    public GcoreIamApiException? ErrorAnswer { get; private set; }

    /// <summary>Whether the answer is read strictly (<see cref="GcoreIamClientOptions.StrictResponses"/>); set by <see cref="SendAsync"/>.</summary>
    public bool StrictResponses { get; private set; }

    /// <summary>The attempts made: 1, plus one for each time the request was sent again.</summary>
    public int Attempts { get; private set; } = 1;

    /// <summary>Whether an earlier attempt may have reached Gcore and acted without its answer being read (so a 404 can mean "already done").</summary>
    public bool EarlierAttemptMayHaveActed { get; private set; }

    /// <summary>The attempt timeout that ended the latest attempt, or null when it did not time out.</summary>
    public TimeSpan? AttemptTimedOutAfter => _attemptTimedOutAfter > TimeSpan.Zero ? _attemptTimedOutAfter : null;

    /// <summary>Whether the retries did not send the request again because its resend rule forbids it once it may have reached Gcore.</summary>
    public bool ResendWithheld { get; private set; }

    /// <summary>The <c>Authorization</c> value of the latest attempt (null: none was sent).</summary>
    public string? SentAuthorization { get; private set; }

    /// <summary>The secret inside <see cref="SentAuthorization"/> (the API key, the access token): redacted from every message.</summary>
    public string? SentSecret { get; private set; }

    /// <summary>Whether the latest attempt carried the JWT session's access token (which a 401 renews).</summary>
    public bool SentBySession { get; private set; }

    /// <summary>Whether the request may be sent again once it may have reached Gcore (its answer lost).</summary>
    public bool MayResendAfterLoss => Operation.Resend is ResendRule.Safe or ResendRule.SafeWhenGoneIsDone;

    /// <summary>The call of <paramref name="request"/>, or null for a request the library did not make.</summary>
    public static GcoreIamCall? Of(HttpRequestMessage? request) => request as GcoreIamCall;

    /// <summary>An attempt starts (<see cref="GcoreIamRequestHandler"/>).</summary>
    public void BeginAttempt() => _attemptTimedOutAfter = TimeSpan.Zero;

    /// <summary>The credential of this attempt, or null for none (<see cref="GcoreIamRequestHandler"/>).</summary>
    public void Sent(Credential? credential, bool bySession)
    {
        SentAuthorization = credential?.Header;
        SentSecret = credential?.Secret;
        SentBySession = bySession;
    }

    /// <summary>The attempt ran out of <paramref name="timeout"/> (the retries: their own loop, or Polly's timeout strategy).</summary>
    public void AttemptTimedOut(TimeSpan timeout) => _attemptTimedOutAfter = timeout;

    /// <summary>The retries did not send the request again because of its resend rule.</summary>
    public void WithholdResend() => ResendWithheld = true;

    /// <summary>
    /// Counts one more attempt, just before the request is sent again: by a retry (after its wait; under
    /// dependency injection Polly's <c>OnRetry</c>, before it) or by the JWT renewal after a 401.
    /// </summary>
    /// <param name="earlierMayHaveActed">Whether the attempt before may have reached Gcore and acted (a broken connection, a timeout, a 5xx; not a refusal such as 401 or 429).</param>
    public void CountResend(bool earlierMayHaveActed)
    {
        Attempts++;
        EarlierAttemptMayHaveActed |= earlierMayHaveActed;
    }

    /// <summary>
    /// Sends the call on <paramref name="client"/> under the call timeout (all attempts and waits, and the
    /// reading of a success answer's body that follows): answers a success; raises the library's
    /// exception for anything else (see <see cref="GcoreIamCall"/>), except an error status when the call
    /// takes it as a value (<see cref="ErrorAsValue"/> and <see cref="GcoreIamRequestOptions.NoThrow"/>):
    /// then it answers the error response (its body already read and released) with <see cref="ErrorAnswer"/> set.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpClient client)
    {
        var settings = _client.Options;
        StrictResponses = settings.StrictResponses;
        CallOptions?.Apply(this); // the extra headers, over what the method set
        _callTimeout = CallOptions?.Timeout ?? settings.Timeout;
        StartTelemetry(client.BaseAddress);
        var started = Stopwatch.GetTimestamp();
        // A source even without a timeout: the body of a success answer is ended with it when the caller cancels.
        _timeout = _client.CallTimeouts.Start(_callTimeout, _caller, alwaysSource: true);
        _started = true;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(this, HttpCompletionOption.ResponseHeadersRead, _timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsMapped(e))
        {
            throw FailureOf(e, settings);
        }

        Received(response);
        if (_client.Logger.IsEnabled(LogLevel.Debug))
        {
            Log.Completed(_client.Logger, Method.Method, PathOf(), (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, Attempts);
        }

        if (response.IsSuccessStatusCode)
        {
            // The body is read after this returns: when the call timeout passes (or the caller cancels), the
            // answer is disposed, which closes the connection and ends a read that waits on it (also a
            // synchronous one, as Newtonsoft.Json's reader makes); Failed then names the cause.
            _answer = response;
            _abortBody = _timeout.Token.UnsafeRegister(static s => ((GcoreIamCall)s!)._answer!.Dispose(), this);
            return response;
        }

        return await FailedAnswerAsync(response).ConfigureAwait(false);
    }

    /// <summary>
    /// Records a failure of the call for its span and metrics. True, with the exception to throw
    /// instead, when a read of the answer's body was ended by the call timeout, the caller or the
    /// connection; false (the exception passes as it is) otherwise.
    /// </summary>
    public bool Failed(Exception exception, out Exception? replacement)
    {
        replacement = _answer is null || exception is GcoreIamTimeoutException or GcoreIamConnectionException
            ? null
            : _caller.IsCancellationRequested
                ? exception is OperationCanceledException ? null : new OperationCanceledException("The call was cancelled while its answer was read.", exception, _caller)
                : _timeout.IsCancellationRequested
                    ? CallTimedOut(exception, duringBody: true)
                    : TransportFailure.Of(exception) != TransportFailureKind.None ? BodyCutOff(exception) : null;
        RecordFailure(replacement ?? exception);
        return replacement is not null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_ended)
        {
            _ended = true;
            EndTelemetry();
            // The registration ends (waiting for a callback that runs) before the source is returned for another call.
            _abortBody.Dispose();
            if (_started)
            {
                _timeout.Dispose();
            }

            _linked?.Dispose();
        }

        base.Dispose(disposing);
    }

    // Only failures and debug logs need the path: it is not built for a call that succeeds.
    private string PathOf() =>
        RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : RequestUri?.OriginalString.Split('?')[0] ?? "";
}
