using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Gcore.Iam.Testing.Spec;

namespace Gcore.Iam.Testing;

/// <summary>
/// The faults that act on the connection rather than on the answer, the way real sockets and
/// proxies fail: they run in the ASP.NET Core pipeline before the fake's handler, where the connection's socket
/// can be reached. Every one of them reads the whole request first (so the server has seen it).
/// </summary>
public sealed partial class GcoreIamFakeServer
{
    // Taken by the middleware below, before the handler.
    private static readonly FakeFaultKind[] ConnectionFaultKinds =
        [FakeFaultKind.DropConnection, FakeFaultKind.ResetConnection, FakeFaultKind.ApplyThenDrop, FakeFaultKind.SlowBody];

    // Taken by the handler: they shape the answer.
    private static readonly FakeFaultKind[] AnswerFaultKinds =
        [FakeFaultKind.RateLimited, FakeFaultKind.ServerError, FakeFaultKind.Delay, FakeFaultKind.MalformedBody, FakeFaultKind.ProxyBadGateway];

    private async Task ConnectionFaultsAsync(HttpContext context, Func<Task> next)
    {
        var match = FakeSpec.Current.Match(context.Request.Method.ToUpperInvariant(), PathOf(context.Request));
        var fault = TakeFault(match.Operation?.Operation ?? FakeOperation.Unknown, ConnectionFaultKinds);
        // The handler after this step reads what it found here instead of matching the request again.
        context.Features.Set(new RequestFacts(match, fault?.Kind));
        if (fault is null)
        {
            await next().ConfigureAwait(false);
            return;
        }

        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        switch (fault.Kind)
        {
            case FakeFaultKind.DropConnection or FakeFaultKind.ResetConnection:
                // The whole request is read, as a server does before it answers (and so that closing the
                // socket leaves no unread data, which would turn a clean close into a reset); it is
                // recorded, not handled: nothing changes, no answer comes.
                var body = await ReadBodyAsync(context).ConfigureAwait(false);
                Record(context, match, QueryOf(context.Request), body, AuthorizationProblem(match, context.Request.Headers.Authorization, out _) is null, 0, fault.Kind);
                Close(context, socket, reset: fault.Kind == FakeFaultKind.ResetConnection);
                return;
            case FakeFaultKind.ApplyThenDrop:
                // The request is handled (its state change happens) and its answer thrown away.
                var answer = context.Features.Get<IHttpResponseBodyFeature>();
                context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
                try
                {
                    await next().ConfigureAwait(false);
                }
                finally
                {
                    context.Features.Set(answer);
                }

                Close(context, socket, reset: false);
                return;
            case FakeFaultKind.SlowBody:
                var original = context.Features.Get<IHttpResponseBodyFeature>()!;
                var trickle = new TrickleStream(original.Stream, fault.Delay, context.RequestAborted);
                context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(trickle, original));
                await next().ConfigureAwait(false);
                return;
        }
    }

    // A clean close sends FIN once the request is read; a reset drops the connection with RST.
    private static void Close(HttpContext context, Socket? socket, bool reset)
    {
        if (socket is null)
        {
            // Kestrel exposes the socket on every connection; without it FIN and RST cannot be told apart.
            throw new InvalidOperationException("The fake's server did not expose the connection's socket.");
        }

        try
        {
            if (reset)
            {
                socket.Close(0);
            }
            else
            {
                socket.Shutdown(SocketShutdown.Send);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client went away first.
        }

        context.Abort();
    }

    /// <summary>Passes an answer's body on a few bytes at a time, with a pause before each piece, until the client goes away.</summary>
    private sealed class TrickleStream(Stream inner, TimeSpan pause, CancellationToken clientGone) : Stream
    {
        private const int Piece = 16;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, clientGone);
            cancellationToken = linked.Token;
            for (var offset = 0; offset < buffer.Length; offset += Piece)
            {
                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                await inner.WriteAsync(buffer.Slice(offset, Math.Min(Piece, buffer.Length - offset)), cancellationToken).ConfigureAwait(false);
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
