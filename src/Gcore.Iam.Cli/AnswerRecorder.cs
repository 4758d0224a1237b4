using System.Text;

namespace Gcore.Iam.Cli;

/// <summary>One answer as it came from the network: the request's method and path, the status and the body's text.</summary>
internal sealed record RecordedAnswer(string Method, string Path, int Status, string? Body);

/// <summary>
/// The transport of <c>gcore-iam verify</c>: sends as the default one does and keeps each answer as
/// received, below the client's own handlers (credential, retries, error mapping), so that an answer
/// the client refuses to read can still be checked against the spec. The bodies stay in memory for
/// the command only and are never printed.
/// </summary>
internal sealed class AnswerRecorder() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly List<RecordedAnswer> _answers = [];
    private readonly Lock _gate = new();

    /// <summary>The last answer to <paramref name="method"/> on a path that is not a login's (a JWT session logs in and renews on its own).</summary>
    public RecordedAnswer? LastTo(string method)
    {
        lock (_gate)
        {
            return _answers.LastOrDefault(a => a.Method == method && !a.Path.StartsWith("/iam/auth/", StringComparison.Ordinal));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _answers.Clear();
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string? text = null;
        if (response.Content is { } content)
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            text = bytes.Length == 0 ? null : Encoding.UTF8.GetString(bytes);
            var copy = new ByteArrayContent(bytes);
            foreach (var header in content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = copy;
            content.Dispose();
        }

        lock (_gate)
        {
            _answers.Add(new RecordedAnswer(request.Method.Method, request.RequestUri?.AbsolutePath ?? "", (int)response.StatusCode, text));
        }

        return response;
    }
}
