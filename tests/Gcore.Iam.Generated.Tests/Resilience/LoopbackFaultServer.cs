using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gcore.Iam.Tests.Resilience;

/// <summary>What <see cref="LoopbackFaultServer"/> does with one request, after reading all of it.</summary>
public abstract record SocketReply
{
    /// <summary>Closes the connection cleanly without answering (FIN), as a proxy or a crashing server does.</summary>
    public static readonly SocketReply Drop = new DropReply();

    /// <summary>Resets the connection without answering (RST).</summary>
    public static readonly SocketReply Reset = new ResetReply();

    /// <summary>Answers with <paramref name="status"/> and <paramref name="body"/>, keeping the connection open.</summary>
    public static SocketReply Answer(int status, string body = "", string contentType = "application/json") => new AnswerReply(status, body, contentType);

    public sealed record DropReply : SocketReply;

    public sealed record ResetReply : SocketReply;

    public sealed record AnswerReply(int Status, string Body, string ContentType) : SocketReply;

    /// <summary>A 200 whose headers promise <paramref name="Body"/>, then half of it, then RST: a connection lost mid-body.</summary>
    public sealed record CutOffReply(string Body) : SocketReply;
}

/// <summary>
/// A minimal HTTP/1.1 server on a real loopback socket that counts requests where they arrive: at
/// the socket, each request head (and body) read off a connection, whichever layer of the client
/// sent it. Each request gets the reply the script gives for it (by its number, from 1, and its method).
/// </summary>
internal sealed class LoopbackFaultServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<int, string, SocketReply> _script;
    private readonly List<string> _requestLines = [];
    private int _requests;
    private int _connections;

    public LoopbackFaultServer(Func<int, string, SocketReply> script)
    {
        _script = script;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _ = Task.Run(AcceptLoopAsync);
    }

    public Uri Url { get; }

    /// <summary>Requests read at the socket so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The request lines read (<c>GET /iam/users/7 HTTP/1.1</c>), in order.</summary>
    public IReadOnlyList<string> RequestLines
    {
        get
        {
            lock (_requestLines)
            {
                return _requestLines.ToArray();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        try
        {
            while (true)
            {
                // One request: the head up to the blank line, then Content-Length bytes of body.
                int headEnd;
                while ((headEnd = IndexOfHeadEnd(buffer)) < 0)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0)
                    {
                        return; // the client closed the connection
                    }

                    buffer.AddRange(chunk.AsSpan(0, read));
                }

                var head = Encoding.ASCII.GetString(buffer.GetRange(0, headEnd).ToArray());
                var length = ContentLength(head);
                while (buffer.Count < headEnd + 4 + length)
                {
                    var read = await stream.ReadAsync(chunk, _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    buffer.AddRange(chunk.AsSpan(0, read));
                }

                buffer.RemoveRange(0, headEnd + 4 + length);
                var requestLine = head.Split("\r\n")[0];
                lock (_requestLines)
                {
                    _requestLines.Add(requestLine);
                }

                var number = Interlocked.Increment(ref _requests);
                switch (_script(number, requestLine.Split(' ')[0]))
                {
                    case SocketReply.DropReply:
                        socket.Shutdown(SocketShutdown.Send); // FIN: the request was read, no answer comes
                        await DrainAsync(stream, chunk);
                        return;
                    case SocketReply.ResetReply:
                        socket.LingerState = new LingerOption(true, 0); // close with RST
                        socket.Close();
                        return;
                    case SocketReply.CutOffReply cut:
                        var whole = Encoding.UTF8.GetBytes(cut.Body);
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {whole.Length}\r\n\r\n"), _stop.Token);
                        await stream.WriteAsync(whole.AsMemory(0, whole.Length / 2), _stop.Token);
                        await stream.FlushAsync(_stop.Token);
                        await Task.Delay(100, _stop.Token); // the client is reading the body when the connection goes
                        socket.LingerState = new LingerOption(true, 0);
                        socket.Close();
                        return;
                    case SocketReply.AnswerReply answer:
                        var body = Encoding.UTF8.GetBytes(answer.Body);
                        var headers = $"HTTP/1.1 {answer.Status} {((HttpStatusCode)answer.Status)}\r\nContent-Type: {answer.ContentType}\r\nContent-Length: {body.Length}\r\n\r\n";
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), _stop.Token);
                        await stream.WriteAsync(body, _stop.Token);
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the server stopped.
        }
    }

    // After the FIN, read until the client closes its side too, so that the close stays clean (no RST for unread data).
    private async Task DrainAsync(NetworkStream stream, byte[] chunk)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (await stream.ReadAsync(chunk, timeout.Token) > 0)
        {
        }
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
