using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Gcore.Iam.Testing.Hosting;

/// <summary>
/// The fake's server on .NET Standard and .NET Framework, where Kestrel (ASP.NET Core 3 and later) does
/// not run: a small HTTP/1.1 server on a free 127.0.0.1 port. It speaks what an HTTP client sends to
/// Gcore: persistent connections, one request at a time on each, bodies with <c>Content-Length</c> or
/// chunked, <c>Expect: 100-continue</c>; no TLS, no HTTP/2. (On .NET, Hosting/Kestrel/ takes its place;
/// the project file picks one.)
/// </summary>
internal sealed class FakeHost : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<FakeExchange, Task> _serve;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<LoopbackConnection, Task> _connections = new();
    private readonly Task _accepting;

    private FakeHost(TcpListener listener, Func<FakeExchange, Task> serve)
    {
        _listener = listener;
        _serve = serve;
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        _accepting = Task.Run(AcceptAsync);
    }

    /// <summary>The address it listens on, such as <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts listening; every request goes to <paramref name="serve"/>.</summary>
    /// <param name="serve">Handles one request.</param>
    /// <returns>The running server.</returns>
    public static FakeHost Start(Func<FakeExchange, Task> serve)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new FakeHost(listener, serve);
    }

    /// <summary>Stops the server: no new connections, and every open one is closed (a request still running is cut off).</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        foreach (var connection in _connections.Keys)
        {
            connection.Dispose();
        }

        await _accepting.ConfigureAwait(false);
        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return; // Stopped.
            }

            // Status line, headers and body go out in separate writes: without this, Nagle's algorithm
            // holds the body back until the client acknowledges the head.
            socket.NoDelay = true;
            var connection = new LoopbackConnection(socket);
            _connections[connection] = Task.Run(() => ServeConnectionAsync(connection));
            if (_stopping.IsCancellationRequested)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>Serves the requests of one connection, one after the other, until either side closes it.</summary>
    private async Task ServeConnectionAsync(LoopbackConnection connection)
    {
        try
        {
            while (await connection.ReadRequestAsync().ConfigureAwait(false) is { } request)
            {
                using var exchange = new SocketExchange(connection, request, _stopping.Token);
                connection.WatchForClose(exchange.ClientGone);
                await _serve(exchange).ConfigureAwait(false);
                if (exchange.Closed || !exchange.Answered || request.CloseAfter)
                {
                    // Closed by a fault, or the client went away before the answer, or the client asked.
                    break;
                }
            }
        }
        catch (BadRequestException)
        {
            await connection.RefuseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away, or the fake stops.
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
        }
    }
}
