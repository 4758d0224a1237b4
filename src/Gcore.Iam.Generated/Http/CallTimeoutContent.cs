namespace Gcore.Iam.Http;

/// <summary>
/// A success answer's body under the call timeout: the answer's headers arrive inside
/// <see cref="GcoreIamErrorHandler"/>, but its body is read after the handlers return (the generated
/// clients stream it). This content keeps the call's timeout running until the body is read and the
/// answer disposed: when the timeout passes, the transport's content is disposed, which closes the
/// connection and ends a read that waits on it (also a synchronous one, as Newtonsoft.Json's reader
/// makes), and the read fails with <see cref="GcoreIamTimeoutException"/>. When the caller cancels,
/// the read ends with <see cref="OperationCanceledException"/>. When the connection fails while the body
/// arrives, the read fails with <see cref="GcoreIamConnectionException"/>. The content headers are the transport's.
/// </summary>
internal sealed class CallTimeoutContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly TimeoutSources.Lease _timeout;
    private readonly CancellationToken _caller;
    private readonly GcoreIamErrorHandler _handler;
    private readonly HttpRequestMessage _request;
    private readonly TimeSpan _callTimeout;
    private readonly CancellationTokenRegistration _abort;
    private CancellationTokenRegistration _readerAbort;
    private CancellationToken _reader;
    private volatile bool _cancelledByReader;
    private int _disposed;

    /// <param name="inner">The transport's content; owned from now on.</param>
    /// <param name="timeout">The call's timeout (cancelled by the timeout or by the caller); owned from now on (returned when the answer is disposed).</param>
    /// <param name="handler">Makes (and logs) the exception for a body the timeout cut off.</param>
    /// <param name="request">The request answered.</param>
    /// <param name="callTimeout">The call's timeout, for the message.</param>
    /// <param name="caller">The caller's token, to tell its cancellation from the timeout.</param>
    public CallTimeoutContent(HttpContent inner, TimeoutSources.Lease timeout, GcoreIamErrorHandler handler, HttpRequestMessage request, TimeSpan callTimeout, CancellationToken caller)
    {
        _inner = inner;
        _timeout = timeout;
        _caller = caller;
        _handler = handler;
        _request = request;
        _callTimeout = callTimeout;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        _abort = timeout.Token.UnsafeRegister(static s => ((HttpContent)s!).Dispose(), inner);
    }

    /// <summary>Rethrows what a read of the body threw as the call's timeout or the caller's cancellation, when one of them ended it.</summary>
    internal Exception Translate(Exception e) =>
        _cancelledByReader ? new OperationCanceledException("The call was cancelled while its answer was read.", e, _reader)
        : _caller.IsCancellationRequested ? new OperationCanceledException("The call was cancelled while its answer was read.", e, _caller)
        : _timeout.IsCancellationRequested ? _handler.CallTimedOut(_request, _callTimeout, e, duringBody: true)
        : IsTransportFailure(e) ? _handler.BodyCutOff(_request, e)
        : e;

    /// <summary>Whether a read failed because the connection did (a reset, a close before the body's end): a <see cref="GcoreIamConnectionException"/>, not a raw I/O error.</summary>
    internal static bool IsTransportFailure(Exception e) => e is IOException or HttpRequestException;

    // Once disposed, the source may already serve another call: its state is no longer this answer's.
    internal bool Ended => Volatile.Read(ref _disposed) == 0 && _timeout.IsCancellationRequested;

    protected override async Task<Stream> CreateContentReadStreamAsync() =>
        new Guarded(await ReadInnerAsync(CancellationToken.None).ConfigureAwait(false), this);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new Guarded(await ReadInnerAsync(cancellationToken).ConfigureAwait(false), this);

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        using var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private void CancelByReader()
    {
        _cancelledByReader = true;
        try
        {
            _timeout.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The answer was disposed meanwhile: nothing left to stop.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            // Both registrations end (waiting for a callback that runs) before the source is returned for another call.
            _readerAbort.Dispose();
            _abort.Dispose();
            _timeout.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<Stream> ReadInnerAsync(CancellationToken cancellationToken)
    {
        // The caller's token reaches the handlers only until the headers arrive (HttpClient unlinks it then);
        // the reader's token (the generated client passes the caller's) ends the body as the timeout does.
        if (cancellationToken.CanBeCanceled && !_reader.CanBeCanceled)
        {
            _reader = cancellationToken;
            _readerAbort = cancellationToken.UnsafeRegister(static s => ((CallTimeoutContent)s!).CancelByReader(), this);
        }

        try
        {
            return await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (Ended || IsTransportFailure(e))
        {
            throw Translate(e);
        }
    }

    /// <summary>The transport's body stream, its failures translated once the timeout or the caller ended the call.</summary>
    private sealed class Guarded(Stream inner, CallTimeoutContent owner) : ReadOnlyWrapperStream(inner)
    {
        public override int Read(Span<byte> buffer)
        {
            try
            {
                return Checked(Inner.Read(buffer));
            }
            catch (Exception e) when (owner.Ended || IsTransportFailure(e))
            {
                throw owner.Translate(e);
            }
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Checked(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (owner.Ended || IsTransportFailure(e))
            {
                throw owner.Translate(e);
            }
        }

        // A read that returns after the timeout cut the body off (0 bytes, or bytes of a connection being torn
        // down) is not the answer's: the timeout is set before the content is disposed, so it is seen here.
        private int Checked(int read) =>
            owner.Ended ? throw owner.Translate(new IOException("The answer's body was cut off before its end.")) : read;
    }
}
