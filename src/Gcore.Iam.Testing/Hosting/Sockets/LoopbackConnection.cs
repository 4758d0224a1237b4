using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Gcore.Iam.Testing.Hosting;

/// <summary>
/// One client connection of the loopback server: reads HTTP/1.1 requests from it (buffered, so that
/// the read which watches for the client going away also starts the next request) and closes it
/// cleanly (FIN) or with a reset (RST).
/// </summary>
internal sealed class LoopbackConnection(Socket socket) : IDisposable
{
    // A request line or header line, or the buffered start of the next request, fits in this.
    private const int BufferSize = 32 * 1024;
    private const int MaxBody = 16 * 1024 * 1024;
    private static readonly Encoding HeaderText = new UTF8Encoding(false);

    private readonly NetworkStream _stream = new(socket, ownsSocket: true);
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _start;
    private int _end;
    private Task<int>? _pending;
    private int _disposed;

    /// <summary>Where the answer is written.</summary>
    public Stream Stream => _stream;

    /// <summary>Reads the next request whole; null when the client closed the connection between requests.</summary>
    /// <returns>The request, or null.</returns>
    /// <exception cref="BadRequestException">The bytes are not an HTTP/1.1 request this server reads.</exception>
    public async Task<LoopbackRequest?> ReadRequestAsync()
    {
        string? requestLine;
        do
        {
            requestLine = await ReadLineAsync().ConfigureAwait(false);
        }
        while (requestLine is { Length: 0 }); // Empty lines before a request are allowed.

        if (requestLine is null)
        {
            return null;
        }

        var parts = requestLine.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            throw new BadRequestException("The request line is not HTTP/1.x.");
        }

        var headers = new List<KeyValuePair<string, string>>();
        while (await ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                var body = await ReadBodyAsync(headers).ConfigureAwait(false);
                var connection = Find(headers, "Connection");
                var close = parts[2] == "HTTP/1.0"
                    ? connection?.IndexOf("keep-alive", StringComparison.OrdinalIgnoreCase) is null or < 0
                    : connection?.IndexOf("close", StringComparison.OrdinalIgnoreCase) >= 0;
                return new LoopbackRequest(parts[0], parts[1], headers, body, close);
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || char.IsWhiteSpace(line[0]) || char.IsWhiteSpace(line[colon - 1]))
            {
                throw new BadRequestException("A header line is malformed.");
            }

            headers.Add(new(line.Substring(0, colon), line.Substring(colon + 1).Trim()));
        }

        throw new IOException("The client closed the connection in the middle of a request.");
    }

    /// <summary>
    /// Starts reading what comes after the request: the client going away (end of stream, an error)
    /// calls <paramref name="clientGone"/>; bytes of a next request stay buffered for it.
    /// </summary>
    /// <param name="clientGone">Called when the client has gone.</param>
    public void WatchForClose(Action clientGone)
    {
        _ = StartRead().ContinueWith(
            static (read, state) =>
            {
                if (read.Exception is not null || read.IsCanceled || read.Result == 0)
                {
                    ((Action)state!)();
                }
            },
            clientGone,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Answers a request that could not be read with 400 and closes.</summary>
    /// <returns>A task that completes when the answer was sent (or could not be).</returns>
    public async Task RefuseAsync()
    {
        var answer = HeaderText.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        try
        {
            await _stream.WriteAsync(answer, 0, answer.Length).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away first.
        }
    }

    /// <summary>Ends the connection: FIN (the request was read whole, so no unread data turns it into a reset), or RST.</summary>
    /// <param name="reset">True for RST.</param>
    public void Close(bool reset)
    {
        try
        {
            if (reset)
            {
                // Linger with a zero timeout: closing aborts the connection with RST.
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
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
    }

    /// <summary>Closes the connection (FIN when it is still open).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
        }
    }

    /// <summary>The value of a header (the first line with that name); null when there is none.</summary>
    internal static string? Find(IReadOnlyList<KeyValuePair<string, string>> headers, string name) =>
        headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    private async Task<byte[]> ReadBodyAsync(List<KeyValuePair<string, string>> headers)
    {
        var transferEncoding = Find(headers, "Transfer-Encoding");
        var contentLength = Find(headers, "Content-Length");
        if (transferEncoding is not null)
        {
            if (!transferEncoding.Trim().EndsWith("chunked", StringComparison.OrdinalIgnoreCase))
            {
                throw new BadRequestException("Only the chunked transfer coding is read.");
            }

            await ContinueAsync(headers).ConfigureAwait(false);
            return await ReadChunkedAsync().ConfigureAwait(false);
        }

        if (contentLength is null)
        {
            return [];
        }

        if (!int.TryParse(contentLength, NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length > MaxBody)
        {
            throw new BadRequestException("The Content-Length is not a number this server reads.");
        }

        if (length > 0)
        {
            await ContinueAsync(headers).ConfigureAwait(false);
        }

        return await ReadExactlyAsync(length).ConfigureAwait(false);
    }

    /// <summary>Tells a client that waits for it (<c>Expect: 100-continue</c>, .NET Framework's default for a body) to send the body.</summary>
    private async Task ContinueAsync(List<KeyValuePair<string, string>> headers)
    {
        if (string.Equals(Find(headers, "Expect"), "100-continue", StringComparison.OrdinalIgnoreCase))
        {
            var answer = HeaderText.GetBytes("HTTP/1.1 100 Continue\r\n\r\n");
            await _stream.WriteAsync(answer, 0, answer.Length).ConfigureAwait(false);
        }
    }

    private async Task<byte[]> ReadChunkedAsync()
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync().ConfigureAwait(false) ?? throw new IOException("The client closed the connection in the middle of a body.");
            var extension = sizeLine.IndexOf(';');
            var hex = (extension >= 0 ? sizeLine.Substring(0, extension) : sizeLine).Trim();
            if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0 || body.Length + size > MaxBody)
            {
                throw new BadRequestException("A chunk size is not a number this server reads.");
            }

            if (size == 0)
            {
                break;
            }

            var chunk = await ReadExactlyAsync(size).ConfigureAwait(false);
            body.Write(chunk, 0, chunk.Length);
            if (await ReadLineAsync().ConfigureAwait(false) is not { Length: 0 })
            {
                throw new BadRequestException("A chunk does not end with CRLF.");
            }
        }

        // Trailer lines, up to the empty line, are read and dropped.
        while (await ReadLineAsync().ConfigureAwait(false) is { Length: > 0 })
        {
        }

        return body.ToArray();
    }

    private async Task<byte[]> ReadExactlyAsync(int length)
    {
        var result = new byte[length];
        var filled = 0;
        while (filled < length)
        {
            if (_start == _end && !await FillAsync().ConfigureAwait(false))
            {
                throw new IOException("The client closed the connection in the middle of a body.");
            }

            var take = Math.Min(length - filled, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, filled, take);
            _start += take;
            filled += take;
        }

        return result;
    }

    /// <summary>The next line without its CRLF (or LF); null at the end of the stream before any byte of it.</summary>
    private async Task<string?> ReadLineAsync()
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var length = newline - _start;
                if (length > 0 && _buffer[newline - 1] == '\r')
                {
                    length--;
                }

                var line = HeaderText.GetString(_buffer, _start, length);
                _start = newline + 1;
                return line;
            }

            if (!await FillAsync().ConfigureAwait(false))
            {
                return _start == _end ? null : throw new IOException("The client closed the connection in the middle of a line.");
            }
        }
    }

    /// <summary>Reads more bytes into the buffer (taking the watching read when there is one); false at the end of the stream.</summary>
    private async Task<bool> FillAsync()
    {
        var read = _pending ?? StartRead();
        _pending = null;
        var count = await read.ConfigureAwait(false);
        _end += count;
        return count > 0;
    }

    private Task<int> StartRead()
    {
        if (_pending is null)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                throw new BadRequestException("A request line or header line is longer than this server reads.");
            }

            _pending = _stream.ReadAsync(_buffer, _end, _buffer.Length - _end);
        }

        return _pending;
    }
}
