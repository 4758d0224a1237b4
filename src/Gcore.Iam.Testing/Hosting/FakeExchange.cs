namespace Gcore.Iam.Testing.Hosting;

/// <summary>
/// One request to the fake and the way to answer it, as the fake's handling sees it whatever the
/// server under it: Kestrel on .NET (<c>Hosting/Kestrel/</c>), a loopback HTTP/1.1 server of its
/// own on .NET Standard and .NET Framework (<c>Hosting/Sockets/</c>). The state, routing, spec
/// checks, faults and answers are the same on both.
/// </summary>
internal abstract class FakeExchange
{
    /// <summary>The method as sent.</summary>
    public abstract string Method { get; }

    /// <summary>The path without the query, percent-decoded (but <c>%2F</c>); <c>/</c> at least.</summary>
    public abstract string Path { get; }

    /// <summary>The first value of each query parameter.</summary>
    public abstract Dictionary<string, string> Query { get; }

    /// <summary>Each header's name and first value.</summary>
    public abstract IEnumerable<KeyValuePair<string, string>> Headers { get; }

    /// <summary>Fires when the client goes away (or the fake stops).</summary>
    public abstract CancellationToken Aborted { get; }

    /// <summary>The request's body (empty when it has none).</summary>
    public abstract Stream RequestBody { get; }

    /// <summary>A header's value (several values joined with commas); null when it was not sent.</summary>
    /// <param name="name">The header's name (not case-sensitive).</param>
    /// <returns>The value, or null.</returns>
    public abstract string? Header(string name);

    /// <summary>Sends the status line and headers (<c>Content-Length</c> from <paramref name="contentLength"/>) and gives the stream the body goes to.</summary>
    /// <param name="status">The status code.</param>
    /// <param name="headers">The headers besides <c>Content-Length</c>.</param>
    /// <param name="contentLength">The body's length; null when there is none.</param>
    /// <returns>The stream for the body.</returns>
    public abstract Task<Stream> StartAnswerAsync(int status, IReadOnlyList<KeyValuePair<string, string>> headers, int? contentLength);

    /// <summary>Ends the connection without (more of) an answer: FIN after the request was read, or RST.</summary>
    /// <param name="reset">True for RST, false for a clean close.</param>
    public abstract void CloseConnection(bool reset);
}
