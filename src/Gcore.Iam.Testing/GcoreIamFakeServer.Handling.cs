using System.Globalization;
using Gcore.Iam.Testing.Spec;
using Gcore.Iam.Testing.Hosting;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>
/// One request's way through the fake: matched to its operation by the spec's paths, a queued
/// fault, the credentials, the spec's checks of parameters and body (<see cref="RequestCheck"/>),
/// then the state change (<see cref="FakeState"/>), and the request log.
/// </summary>
public sealed partial class GcoreIamFakeServer
{
    /// <summary>Answers one request; <paramref name="connectionFault"/> (taken by <see cref="ServeAsync"/>) loses the answer or trickles it out.</summary>
    private async Task HandleAsync(FakeExchange exchange, SpecMatch match, FakeFault? connectionFault)
    {
        var method = exchange.Method.ToUpperInvariant();
        var query = exchange.Query;
        var body = await ReadBodyAsync(exchange).ConfigureAwait(false);
        var requestId = "fake-" + Interlocked.Increment(ref _requestCounter).ToString("D6", CultureInfo.InvariantCulture);
        var authProblem = AuthorizationProblem(match, exchange.Header("Authorization"), out var session);
        var fault = TakeFault(match.Operation?.Operation ?? FakeOperation.Unknown, AnswerFaultKinds);
        FakeAnswer? answer = null;
        try
        {
            if (fault is { Kind: FakeFaultKind.Delay })
            {
                await Task.Delay(fault.Delay, exchange.Aborted).ConfigureAwait(false);
            }

            answer = fault is { Kind: not FakeFaultKind.Delay } ? FaultAnswer(fault, requestId)
                : authProblem is not null ? FakeAnswer.Message(401, authProblem)
                : Deviating(match.Operation, Answer(match, method, query, body, session, exchange.Header("User-Agent")));
        }
        catch (OperationCanceledException) when (exchange.Aborted.IsCancellationRequested)
        {
            // The client went away while the answer was delayed: logged as never answered (status 0).
        }
        catch (Exception e)
        {
            // A defect of the fake, not of the request: said in the answer, where the test sees it.
            answer = FakeAnswer.Message(500, $"The fake failed to handle {match.Operation?.ToString() ?? method + " " + exchange.Path}: {e.GetType().Name}: {e.Message}");
        }

        Record(exchange, match, query, body, authProblem is null, answer?.Status ?? 0, fault?.Kind ?? connectionFault?.Kind);
        if (answer is not null && connectionFault is not { Kind: FakeFaultKind.ApplyThenDrop })
        {
            await WriteAsync(exchange, answer, requestId, connectionFault is { Kind: FakeFaultKind.SlowBody } slow ? slow.Delay : null).ConfigureAwait(false);
        }
    }

    private FakeAnswer Answer(SpecMatch match, string method, IReadOnlyDictionary<string, string> query, string? body, FakeSession? session, string? userAgent)
    {
        if (match.Operation is not { } operation)
        {
            return match.MethodNotAllowed ? FakeAnswer.Message(405, $"Method \"{method}\" not allowed.") : FakeAnswer.Message(404, "Not found.");
        }

        if (RequestCheck.Check(operation, match.PathValues, query, body, out var parsed) is { } refused)
        {
            return refused;
        }

        var ctx = new FakeContext(operation, match.PathValues, query, parsed, session, userAgent, this);
        lock (_gate)
        {
            return _state.Handle(ctx);
        }
    }

    /// <summary>
    /// Why the credentials are refused (Gcore's 401 sentence), or null when they are good: the API key
    /// (<c>APIKey &lt;key&gt;</c>), or an access token the fake issued that has not expired by its clock
    /// (<c>Bearer &lt;access&gt;</c>, with the <paramref name="session"/> it belongs to), or none for an
    /// operation the spec gives <c>security: []</c>.
    /// </summary>
    private string? AuthorizationProblem(SpecMatch match, string? header, out FakeSession? session)
    {
        session = null;
        if (match.Operation is { Anonymous: true })
        {
            return null;
        }

        var space = header?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        var (scheme, credential) = space > 0 ? (header![..space], header[(space + 1)..]) : ("", "");
        if (string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            lock (_gate)
            {
                return _state.CheckAccessToken(credential, TimeProvider.GetUtcNow(), out session);
            }
        }

        return string.IsNullOrEmpty(header) ? "Authentication credentials were not provided."
            : !string.Equals(scheme, "APIKey", StringComparison.OrdinalIgnoreCase) ? "Invalid authorization header. Send 'Authorization: APIKey <token>' or 'Authorization: Bearer <access token>'."
            : string.Equals(credential, ApiKey, StringComparison.Ordinal) ? null : "Invalid API token.";
    }

    /// <summary>
    /// Adds a request to the log, answered or dropped: the first value of each query parameter and of each
    /// header but <c>Authorization</c> (no credential is kept, only the scheme it used), and the body with
    /// the members that carry secrets redacted.
    /// </summary>
    private void Record(FakeExchange exchange, SpecMatch match, Dictionary<string, string> query, string? body, bool authorized, int status, FakeFaultKind? fault)
    {
        var headers = exchange.Headers.Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);
        var authorization = exchange.Header("Authorization");
        var logged = new FakeRequest(match.Operation?.Operation ?? FakeOperation.Unknown, exchange.Method.ToUpperInvariant(), exchange.Path, query,
            RedactSecrets(body), headers, authorized, status, fault)
        {
            AuthScheme = authorization is { Length: > 0 } && authorization.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space ? authorization[..space] : null,
        };
        lock (_gate)
        {
            _requests.Add(logged);
        }
    }

    /// <summary>The body as the request log keeps it: the members that carry secrets replaced (the spec's <c>x-gcore-secret</c> members, <see cref="FakeSpec.SecretMembers"/>).</summary>
    private static string? RedactSecrets(string? body)
    {
        if (body is null)
        {
            return null;
        }

        var secretMembers = FakeSpec.Current.SecretMembers;
        // Every body is parsed: a member name may be written with escapes ("pass\u0077ord").
        try
        {
            var json = JToken.Parse(body);
            foreach (var property in (json as JContainer)?.Descendants().OfType<JProperty>().Where(p => secretMembers.Contains(p.Name)).ToList() ?? [])
            {
                property.Value = "[REDACTED]";
            }

            return json.ToString(Formatting.None);
        }
        catch (JsonException)
        {
            return secretMembers.Any(m => body.Contains(m, StringComparison.OrdinalIgnoreCase))
                ? "[a body that is not JSON and names a secret member; not kept]"
                : body;
        }
    }

    private FakeFault? TakeFault(FakeOperation operation, FakeFaultKind[] onlyKinds)
    {
        lock (_gate)
        {
            var pending = _faults.FirstOrDefault(f => f.Operation is null || f.Operation == operation);
            if (pending is null || !onlyKinds.Contains(pending.Fault.Kind))
            {
                return null;
            }

            if (--pending.Remaining == 0)
            {
                _faults.Remove(pending);
            }

            return pending.Fault;
        }
    }

    private static FakeAnswer FaultAnswer(FakeFault fault, string requestId) => fault.Kind switch
    {
        FakeFaultKind.RateLimited => FakeAnswer.Message(429, "Request was throttled. Expected available in a moment.") with { RetryAfter = fault.RetryAfter },
        FakeFaultKind.ServerError => new(fault.StatusCode, new JObject
        {
            ["exception_class"] = "InternalServerError",
            ["message"] = "The server could not handle the request. Try again later.",
            ["request_id"] = requestId,
        }.ToString(Formatting.None)),
        FakeFaultKind.MalformedBody => new(200, "{\"id\": 1, \"email\": \"owner@exa"),
        // What a proxy in front of Gcore (nginx) answers when Gcore does not.
        FakeFaultKind.ProxyBadGateway => new(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")
        {
            ContentType = "text/html",
        },
        _ => throw new InvalidOperationException($"Unexpected fault kind {fault.Kind}."),
    };

    private static async Task WriteAsync(FakeExchange exchange, FakeAnswer answer, string requestId, TimeSpan? trickle)
    {
        var headers = new List<KeyValuePair<string, string>>();
        // A proxy's page names the proxy; Gcore's answers carry its request id.
        headers.Add(answer.ContentType == "text/html" ? new("Server", "nginx") : new(GcoreIamResponse.RequestIdHeader, requestId));
        if (answer.RetryAfter is { } wait)
        {
            headers.Add(new("Retry-After", ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)));
        }

        var bytes = answer.Body is { } text ? Utf8.GetBytes(text) : null;
        if (bytes is not null)
        {
            headers.Add(new("Content-Type", answer.ContentType));
        }

        var body = await exchange.StartAnswerAsync(answer.Status, headers, bytes?.Length).ConfigureAwait(false);
        if (bytes is null)
        {
            return;
        }

        if (trickle is { } pause)
        {
            await TrickleAsync(body, bytes, pause, exchange.Aborted).ConfigureAwait(false);
        }
        else
        {
            await body.WriteAsync(bytes.AsMemory(), exchange.Aborted).ConfigureAwait(false);
        }
    }

    /// <summary>The request's body as text; null when it has none.</summary>
    private static async Task<string?> ReadBodyAsync(FakeExchange exchange)
    {
        using var reader = new StreamReader(exchange.RequestBody, Utf8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
        return await reader.ReadToEndAsync(exchange.Aborted).ConfigureAwait(false) is { Length: > 0 } text ? text : null;
    }
}
