using System.Globalization;
using Gcore.Iam.Testing.Spec;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace Gcore.Iam.Testing;

/// <summary>
/// One request's way through the fake: matched to its operation by the spec's paths, a queued
/// fault, the credentials, the spec's checks of parameters and body (<see cref="RequestCheck"/>),
/// then the state change (<see cref="FakeState"/>), and the request log.
/// </summary>
public sealed partial class GcoreIamFakeServer
{
    // The members that carry passwords or tokens: the request log keeps none of their values.
    private static readonly string[] SecretMembers = ["password", "one_time_password", "old", "new", "double", "refresh", "access"];

    private async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var method = request.Method.ToUpperInvariant();
        var path = request.AbsolutePath ?? request.Path ?? "/";
        var query = (request.Query ?? new Dictionary<string, WireMockList<string>>()).Where(q => q.Value is { Count: > 0 }).ToDictionary(q => q.Key, q => q.Value[0], StringComparer.Ordinal);
        var body = !string.IsNullOrEmpty(request.Body) ? request.Body : request.BodyAsBytes is { Length: > 0 } bytes ? Utf8.GetString(bytes) : null;
        var match = FakeSpec.Current.Match(method, path);
        var operation = match.Operation?.Operation ?? FakeOperation.Unknown;
        var requestId = "fake-" + Interlocked.Increment(ref _requestCounter).ToString("D6", CultureInfo.InvariantCulture);
        var authorization = HeaderOf(request, "Authorization");
        FakeSession? session = null;
        var authProblem = match.Operation is { Anonymous: true } ? null : AuthorizationProblem(authorization, out session);

        var fault = TakeFault(operation, AnswerFaultKinds);
        if (fault is { Kind: FakeFaultKind.Delay })
        {
            await Task.Delay(fault.Delay).ConfigureAwait(false);
        }

        var response = fault is { Kind: FakeFaultKind.ProxyBadGateway } ? ProxyBadGatewayResponse()
            : ToResponse(fault is { Kind: not FakeFaultKind.Delay } ? FaultAnswer(fault, requestId)
                : authProblem is not null ? FakeAnswer.Message(401, authProblem)
                : Answer(match, method, query, body, requestId, session, HeaderOf(request, "User-Agent")), requestId);

        Record(match, method, path, query, body, (request.Headers ?? new Dictionary<string, WireMockList<string>>()).Select(h => KeyValuePair.Create(h.Key, h.Value?.FirstOrDefault())),
            authorization, authProblem is null, response.StatusCode as int? ?? 0, fault?.Kind ?? ConnectionFault.Value);
        return response;
    }

    private FakeAnswer Answer(SpecMatch match, string method, IReadOnlyDictionary<string, string> query, string? body, string requestId, FakeSession? session, string? userAgent)
    {
        if (match.Operation is not { } operation)
        {
            return match.MethodNotAllowed ? FakeAnswer.Message(405, $"Method \"{method}\" not allowed.") : FakeAnswer.Message(404, "Not found.");
        }

        if (RequestCheck.Check(operation, match.PathValues, query, body, out var parsed) is { } refused)
        {
            return refused;
        }

        var ctx = new FakeContext(operation, match.PathValues, query, parsed, requestId, BaseUrl, _sendUnknownEnumValues, TimeProvider.GetUtcNow())
        {
            Session = session,
            UserAgent = userAgent,
            AccessTokenLifetime = _accessTokenLifetime,
            RefreshTokenLifetime = _refreshTokenLifetime,
        };
        lock (_gate)
        {
            return _state.Handle(ctx);
        }
    }

    /// <summary>
    /// Why the credentials are refused (Gcore's 401 sentence), or null when they are good: the API key
    /// (<c>APIKey &lt;key&gt;</c>), or an access token the fake issued that has not expired by its clock
    /// (<c>Bearer &lt;access&gt;</c>, with the <paramref name="session"/> it belongs to).
    /// </summary>
    private string? AuthorizationProblem(string? header, out FakeSession? session)
    {
        session = null;
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
    /// Adds a request to the log, answered or dropped: the first value of each header but <c>Authorization</c>
    /// (no credential is kept, only the scheme it used), and the body with the members that carry secrets redacted.
    /// </summary>
    private void Record(SpecMatch match, string method, string path, IReadOnlyDictionary<string, string> query, string? body,
        IEnumerable<KeyValuePair<string, string?>> headers, string? authorization, bool authorized, int status, FakeFaultKind? fault)
    {
        var kept = headers.Where(h => h.Value is not null && !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value!, StringComparer.OrdinalIgnoreCase);
        var request = new FakeRequest(match.Operation?.Operation ?? FakeOperation.Unknown, method, path, query, RedactSecrets(body), kept, authorized, status, fault)
        {
            AuthScheme = authorization is { Length: > 0 } && authorization.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space ? authorization[..space] : null,
        };
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    /// <summary>The body as the request log keeps it: the members that carry passwords or tokens replaced.</summary>
    private static string? RedactSecrets(string? body)
    {
        if (body is null || !SecretMembers.Any(m => body.Contains('"' + m + '"', StringComparison.Ordinal)))
        {
            return body;
        }

        try
        {
            var json = JToken.Parse(body);
            foreach (var property in (json as JContainer)?.Descendants().OfType<JProperty>().Where(p => SecretMembers.Contains(p.Name)).ToList() ?? [])
            {
                property.Value = "[REDACTED]";
            }

            return json.ToString(Formatting.None);
        }
        catch (JsonException)
        {
            return "[a body that is not JSON and names a secret member; not kept]";
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
        _ => throw new InvalidOperationException($"Unexpected fault kind {fault.Kind}."),
    };

    private static ResponseMessage ToResponse(FakeAnswer answer, string requestId)
    {
        var response = new ResponseMessage { StatusCode = answer.Status };
        if (answer.Json is { } json)
        {
            response.BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String, Encoding = Utf8 };
            response.AddHeader("Content-Type", "application/json");
        }

        if (answer.RetryAfter is { } wait)
        {
            response.AddHeader("Retry-After", ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }

        response.AddHeader(GcoreIamResponse.RequestIdHeader, requestId);
        return response;
    }

    private static string? HeaderOf(IRequestMessage request, string header) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
