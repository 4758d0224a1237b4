using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli;

/// <summary>
/// The transport of a --dry-run session: once armed (right before the command's change), the next
/// request that is not a JWT login or refresh is not sent but captured and ends the command with
/// <see cref="DryRunStop"/>. Reads before it (the key's own account) go out as usual.
/// </summary>
internal sealed class DryRunTransport(HttpMessageHandler inner, bool disposeInner) : DelegatingHandler(inner)
{
    private volatile bool _armed;

    protected override void Dispose(bool disposing)
    {
        if (disposeInner)
        {
            base.Dispose(disposing);
        }
    }

    public void Arm() => _armed = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (!_armed || path.Contains("/iam/auth/jwt/", StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new DryRunStop(new DryRunRequest(request.Method.Method, request.RequestUri?.ToString() ?? "", body is null ? null : Redaction.Redact(body)));
    }
}

/// <summary>The request a dry run would have sent; the body's secrets are already redacted.</summary>
internal sealed record DryRunRequest(string Method, string Url, string? Body)
{
    /// <summary>Its text for stdout: "METHOD URL" and the body (table, csv), or one JSON object (json, jsonl).</summary>
    public string Render(OutputFormat format)
    {
        JToken? body = null;
        if (!string.IsNullOrEmpty(Body))
        {
            using var reader = new JsonTextReader(new StringReader(Body)) { DateParseHandling = DateParseHandling.None };
            body = JToken.ReadFrom(reader);
        }

        if (format is OutputFormat.Json or OutputFormat.Jsonl)
        {
            var request = new JObject { ["method"] = Method, ["url"] = Url, ["body"] = body };
            return request.ToString(format == OutputFormat.Json ? Formatting.Indented : Formatting.None);
        }

        return body is null ? $"{Method} {Url}" : $"{Method} {Url}\n{body.ToString(Formatting.Indented)}";
    }
}

/// <summary>Ends a --dry-run command at the request it would have sent (not an error: exit 0).</summary>
internal sealed class DryRunStop(DryRunRequest request) : Exception("Dry run: the request was not sent.")
{
    public DryRunRequest Request { get; } = request;
}
