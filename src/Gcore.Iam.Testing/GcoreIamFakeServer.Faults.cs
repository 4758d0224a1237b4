using Gcore.Iam.Testing.Hosting;
using Gcore.Iam.Testing.Spec;

namespace Gcore.Iam.Testing;

/// <summary>
/// The faults that act on the connection rather than on the answer, the way real sockets and
/// proxies fail: they are taken before the fake's handler, and the server under it
/// (<see cref="FakeExchange"/>) sends FIN or RST on the connection's socket.
/// Every one of them reads the whole request first (so the server has seen it).
/// </summary>
public sealed partial class GcoreIamFakeServer
{
    // Taken by ServeAsync below, before the handler.
    private static readonly FakeFaultKind[] ConnectionFaultKinds =
        [FakeFaultKind.DropConnection, FakeFaultKind.ResetConnection, FakeFaultKind.ApplyThenDrop, FakeFaultKind.SlowBody];

    // Taken by the handler: they shape the answer.
    private static readonly FakeFaultKind[] AnswerFaultKinds =
        [FakeFaultKind.RateLimited, FakeFaultKind.ServerError, FakeFaultKind.Delay, FakeFaultKind.MalformedBody, FakeFaultKind.ProxyBadGateway];

    /// <summary>Every request starts here: a queued connection fault is taken before the handler, which it wraps or replaces.</summary>
    private async Task ServeAsync(FakeExchange exchange)
    {
        var match = FakeSpec.Current.Match(exchange.Method.ToUpperInvariant(), exchange.Path);
        var fault = TakeFault(match.Operation?.Operation ?? FakeOperation.Unknown, ConnectionFaultKinds);
        switch (fault?.Kind)
        {
            case FakeFaultKind.DropConnection or FakeFaultKind.ResetConnection:
                // The whole request is read, as a server does before it answers (and so that closing the
                // socket leaves no unread data, which would turn a clean close into a reset); it is
                // recorded, not handled: nothing changes, no answer comes.
                var body = await ReadBodyAsync(exchange).ConfigureAwait(false);
                Record(exchange, match, exchange.Query, body, AuthorizationProblem(match, exchange.Header("Authorization"), out _) is null, 0, fault.Kind);
                exchange.CloseConnection(reset: fault.Kind == FakeFaultKind.ResetConnection);
                return;
            case FakeFaultKind.ApplyThenDrop:
                // The request is handled (its state change happens) and its answer thrown away.
                await HandleAsync(exchange, match, fault).ConfigureAwait(false);
                exchange.CloseConnection(reset: false);
                return;
            default:
                // No connection fault, or a slow body (the handler trickles the answer out).
                await HandleAsync(exchange, match, fault).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>Writes an answer's body a few bytes at a time, with a pause before each piece, until the client goes away.</summary>
    private static async Task TrickleAsync(Stream body, byte[] bytes, TimeSpan pause, CancellationToken clientGone)
    {
        const int Piece = 16;
        for (var offset = 0; offset < bytes.Length; offset += Piece)
        {
            await Task.Delay(pause, clientGone).ConfigureAwait(false);
            await body.WriteAsync(bytes.AsMemory(offset, Math.Min(Piece, bytes.Length - offset)), clientGone).ConfigureAwait(false);
            await body.FlushAsync(clientGone).ConfigureAwait(false);
        }
    }
}
