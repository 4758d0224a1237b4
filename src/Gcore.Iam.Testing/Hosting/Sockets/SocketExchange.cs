using System.Globalization;
using System.Text;

namespace Gcore.Iam.Testing.Hosting;

/// <summary>One request on a <see cref="LoopbackConnection"/> and its answer.</summary>
internal sealed class SocketExchange : FakeExchange, IDisposable
{
    private static readonly Encoding HeadText = new UTF8Encoding(false);
    private readonly LoopbackConnection _connection;
    private readonly LoopbackRequest _request;
    private readonly CancellationTokenSource _aborted;
    private readonly string _rawQuery;

    public SocketExchange(LoopbackConnection connection, LoopbackRequest request, CancellationToken stopping)
    {
        _connection = connection;
        _request = request;
        _aborted = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var target = request.Target;
        if (target.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(target, UriKind.Absolute, out var absolute))
        {
            target = absolute.PathAndQuery; // The absolute form a client sends to a proxy.
        }

        if (!target.StartsWith("/", StringComparison.Ordinal))
        {
            throw new BadRequestException("The request target is not a path.");
        }

        var question = target.IndexOf('?');
        Path = DecodePath(question < 0 ? target : target.Substring(0, question));
        _rawQuery = question < 0 ? "" : target.Substring(question + 1);
    }

    public override string Method => _request.Method;

    public override string Path { get; }

    public override Dictionary<string, string> Query
    {
        get
        {
            // As ASP.NET Core reads it: '+' is a space, names are not case-sensitive, the first value counts.
            var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in _rawQuery.Split(['&'], StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                var name = Decode(equals < 0 ? pair : pair.Substring(0, equals));
                if (name.Length > 0 && !query.ContainsKey(name))
                {
                    query[name] = equals < 0 ? "" : Decode(pair.Substring(equals + 1));
                }
            }

            return new Dictionary<string, string>(query, StringComparer.Ordinal);

            static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
        }
    }

    public override IEnumerable<KeyValuePair<string, string>> Headers =>
        _request.Headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(g => g.First());

    public override CancellationToken Aborted => _aborted.Token;

    public override Stream RequestBody => new MemoryStream(_request.Body, writable: false);

    /// <summary>Whether the status line was sent.</summary>
    public bool Answered { get; private set; }

    /// <summary>Whether a fault closed the connection.</summary>
    public bool Closed { get; private set; }

    public override string? Header(string name)
    {
        var values = _request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join(",", values);
    }

    public override async Task<Stream> StartAnswerAsync(int status, IReadOnlyList<KeyValuePair<string, string>> headers, int? contentLength)
    {
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(ReasonPhrase(status)).Append("\r\n")
            .Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        foreach (var header in headers)
        {
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (status is not (204 or 304))
        {
            head.Append("Content-Length: ").Append((contentLength ?? 0).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        if (_request.CloseAfter)
        {
            head.Append("Connection: close\r\n");
        }

        var bytes = HeadText.GetBytes(head.Append("\r\n").ToString());
        Answered = true;
        await _connection.Stream.WriteAsync(bytes, 0, bytes.Length, Aborted).ConfigureAwait(false);
        return _connection.Stream;
    }

    public override void CloseConnection(bool reset)
    {
        Closed = true;
        _connection.Close(reset);
    }

    /// <summary>Cancels <see cref="Aborted"/>: the client closed the connection or it failed.</summary>
    public void ClientGone()
    {
        try
        {
            _aborted.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The exchange is over.
        }
    }

    public void Dispose() => _aborted.Dispose();

    /// <summary>The path percent-decoded, but <c>%2F</c>, which stays as it is (a slash inside a segment), as ASP.NET Core does.</summary>
    private static string DecodePath(string raw)
    {
        var segments = raw.Split(["%2F", "%2f"], StringSplitOptions.None);
        return string.Join("%2F", segments.Select(Uri.UnescapeDataString));
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
}
