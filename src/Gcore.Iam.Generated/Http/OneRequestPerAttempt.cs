using System.Net;
using System.Net.Http;

namespace Gcore.Iam.Http;

/// <summary>
/// Makes the transport send each attempt exactly once, so that the attempts the client reports are
/// the requests Gcore sees.
/// <para>
/// Why: <see cref="SocketsHttpHandler"/> re-sends, below every handler, a request without a body
/// (GET, DELETE) when the server closes the connection cleanly after reading it and before
/// answering: HttpConnection marks such a request retryable ("the server shutdown the connection
/// on their end, likely because of an idle timeout ... we allow the request to be retried", in
/// dotnet/runtime's HttpConnection.cs) and HttpConnectionPool sends it again up to
/// <c>MaxConnectionFailureRetries</c> (3) times: four requests for one attempt, twelve for the
/// three attempts of the default retry policy, in an outage that multiplies the load by four. A
/// request with a body is not re-sent there, and neither is one whose connection was reset.
/// </para>
/// <para>
/// How: <see cref="SocketsHttpHandler.PlaintextStreamFilter"/> wraps each HTTP/1.x connection's
/// stream (above TLS) so that the end of the stream while a request is waiting for the first byte
/// of its answer is an <see cref="HttpIOException"/> (<see cref="HttpRequestError.ResponseEnded"/>)
/// instead of a clean end. The transport then fails the attempt instead of re-sending it, and the
/// library's retry policy (<see cref="GcoreIamResilience"/>) decides, and counts, any next attempt.
/// An idle pooled connection that the server closed is still noticed before reuse (its read-ahead
/// ends with no request outstanding, which stays a clean end), and an answer that ends the stream
/// (<c>Connection: close</c> without a length) still ends normally. HTTP/2 connections are not
/// wrapped: there the server says which streams it did not process.
/// </para>
/// </summary>
internal static class OneRequestPerAttempt
{
    /// <summary>The <see cref="SocketsHttpHandler.PlaintextStreamFilter"/> of the library's transport.</summary>
    public static ValueTask<Stream> Filter(SocketsHttpPlaintextStreamFilterContext context, CancellationToken cancellationToken) =>
        new(context.NegotiatedHttpVersion.Major == 1 ? new UnansweredEndStream(context.PlaintextStream) : context.PlaintextStream);

    /// <summary>A connection's stream that reports "closed without an answer" as an error, not as a clean end.</summary>
    private sealed class UnansweredEndStream(Stream inner) : Stream
    {
        // Set by every write (a request going out), cleared by the first byte read back (its answer).
        private volatile bool _awaitingAnswer;

        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => Seen(inner.Read(buffer), buffer.Length);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Seen(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _awaitingAnswer = true;
            inner.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _awaitingAnswer = true;
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Seen(int read, int asked)
        {
            if (read > 0)
            {
                _awaitingAnswer = false;
            }
            else if (asked > 0 && _awaitingAnswer)
            {
                // A zero-byte read (asked == 0) only waits for data; this is the end of the stream.
                throw new HttpIOException(
                    HttpRequestError.ResponseEnded,
                    "The server closed the connection after the request was sent, without answering.");
            }

            return read;
        }
    }
}
