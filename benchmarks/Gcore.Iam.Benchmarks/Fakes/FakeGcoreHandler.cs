using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Gcore.Iam.Benchmarks.Fakes;

/// <summary>
/// An in-memory Gcore IAM API: answers <c>GET /iam/users?limit&amp;offset</c>, <c>GET /iam/users/{id}</c>
/// and <c>PATCH /iam/users/{id}</c> with bytes built beforehand, so that a benchmark measures the
/// client and not a network or a server. A request body is read to the end, as a socket would.
/// Every caller (client, baseline, floor) goes through the same handler and pays the same for it.
/// </summary>
public sealed class FakeGcoreHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly Func<int, int, byte[]> _page;
    private readonly byte[] _user;
    private readonly byte[] _updatedUser;

    /// <param name="page">The body of the page at (offset, limit).</param>
    /// <param name="user">The body of <c>GET /iam/users/{id}</c>.</param>
    /// <param name="updatedUser">The body of <c>PATCH /iam/users/{id}</c>.</param>
    public FakeGcoreHandler(Func<int, int, byte[]> page, byte[] user, byte[] updatedUser)
    {
        _page = page;
        _user = user;
        _updatedUser = updatedUser;
    }

    /// <summary>How many requests were answered (a check that every variant made the same calls).</summary>
    public int Requests { get; private set; }

    /// <summary>Bodies served from pages built once and kept: <paramref name="total"/> users in pages of <paramref name="pageSize"/>.</summary>
    public static FakeGcoreHandler Canned(int total, int pageSize)
    {
        var pages = new Dictionary<(int, int), byte[]>();
        for (var offset = 0; offset < total; offset += pageSize)
        {
            pages[(offset, pageSize)] = UserJson.Page(offset, pageSize, total);
        }

        return new FakeGcoreHandler(
            (offset, limit) => pages.TryGetValue((offset, limit), out var body) ? body : UserJson.Page(offset, limit, total),
            UserJson.User(4242),
            UserJson.User(4242));
    }

    /// <summary>Each page built when asked for and not kept, so that the process holds only what its caller holds.</summary>
    public static FakeGcoreHandler OnDemand(int total) =>
        new((offset, limit) => UserJson.Page(offset, limit, total), UserJson.User(4242), UserJson.User(4242));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests++;
        return request.Content is null
            ? Task.FromResult(Answer(request))
            : DrainThenAnswer(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> DrainThenAnswer(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await request.Content!.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        return Answer(request);
    }

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("No request URI.");
        var path = uri.AbsolutePath;
        byte[]? body = null;
        if (path == "/iam/users" && request.Method == HttpMethod.Get)
        {
            var query = uri.Query.AsSpan();
            body = _page(QueryInt(query, "offset") ?? 0, QueryInt(query, "limit") ?? int.MaxValue);
        }
        else if (path.StartsWith("/iam/users/", StringComparison.Ordinal))
        {
            body = request.Method == HttpMethod.Get ? _user : request.Method == HttpMethod.Patch ? _updatedUser : null;
        }

        var response = body is null
            ? new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new ByteArrayContent("{\"message\":\"Not found.\"}"u8.ToArray()) }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.RequestMessage = request;
        response.Content.Headers.ContentType = Json;
        // Typical response headers, so that code which copies them pays for them as it would.
        response.Headers.TryAddWithoutValidation("Server", "nginx");
        response.Headers.TryAddWithoutValidation("Date", "Sat, 28 Nov 2026 12:00:00 GMT");
        response.Headers.TryAddWithoutValidation("Vary", "Accept, Origin");
        response.Headers.TryAddWithoutValidation("Allow", "GET, PATCH, HEAD, OPTIONS");
        response.Headers.TryAddWithoutValidation("X-Frame-Options", "DENY");
        response.Headers.TryAddWithoutValidation("X-Request-ID", "6b1c2f0e9d8a4b7c8e1f2a3b4c5d6e7f");
        response.Headers.TryAddWithoutValidation("Strict-Transport-Security", "max-age=31536000");
        return response;
    }

    private static int? QueryInt(ReadOnlySpan<char> query, string name)
    {
        if (query.StartsWith("?"))
        {
            query = query[1..];
        }

        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var eq = pair.IndexOf('=');
            if (eq > 0 && pair[..eq].SequenceEqual(name)
                && int.TryParse(pair[(eq + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }

        return null;
    }
}
