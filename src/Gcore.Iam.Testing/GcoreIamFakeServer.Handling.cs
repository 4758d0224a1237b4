using System.Globalization;
using Gcore.Iam.Testing.Spec;
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
    private async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var method = request.Method.ToUpperInvariant();
        var path = request.AbsolutePath ?? request.Path ?? "/";
        var query = ReadQuery(request);
        var body = ReadBody(request);
        var match = FakeSpec.Current.Match(method, path);
        var operation = match.Operation?.Operation ?? FakeOperation.Unknown;
        var requestId = "fake-" + Interlocked.Increment(ref _requestCounter).ToString("D6", CultureInfo.InvariantCulture);
        var authorization = HeaderOf(request, "Authorization");
        FakeSession? session = null;
        var authProblem = match.Operation is { Anonymous: true } ? null : AuthorizationProblem(authorization, out session);

        var fault = TakeFault(operation, AnswerFaultKinds);
        if (fault is not null && fault.Kind == FakeFaultKind.Delay)
        {
            await Task.Delay(fault.Delay).ConfigureAwait(false);
        }

        ResponseMessage response;
        if (fault is not null && fault.Kind != FakeFaultKind.Delay)
        {
            response = FaultResponse(fault, requestId);
        }
        else if (authProblem is not null)
        {
            response = ToResponse(FakeAnswer.Message(401, authProblem), requestId);
        }
        else
        {
            response = ToResponse(Answer(match, method, query, body, requestId, session, HeaderOf(request, "User-Agent")), requestId);
        }

        var status = response.StatusCode is int code ? code : 0;
        lock (_gate)
        {
            _requests.Add(new FakeRequest(operation, method, path, query, RedactSecrets(body), ReadHeaders(request), authProblem is null, status, fault?.Kind ?? ConnectionFault.Value)
            {
                AuthScheme = SchemeOf(authorization),
            });
        }

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

    /// <summary>Why the credentials are refused (Gcore's 401 sentence), or null when they are good.</summary>
    private string? AuthorizationProblem(string? header) => AuthorizationProblem(header, out _);

    /// <summary>
    /// Why the credentials are refused (Gcore's 401 sentence), or null when they are good: the API key
    /// (<c>APIKey &lt;key&gt;</c>), or an access token the fake issued that has not expired by its clock
    /// (<c>Bearer &lt;access&gt;</c>, with the <paramref name="session"/> it belongs to).
    /// </summary>
    private string? AuthorizationProblem(string? header, out FakeSession? session)
    {
        session = null;
        if (string.IsNullOrEmpty(header))
        {
            return "Authentication credentials were not provided.";
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space <= 0 ? "" : header[..space];
        if (string.Equals(scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            lock (_gate)
            {
                return _state.CheckAccessToken(header[(space + 1)..], TimeProvider.GetUtcNow(), out session);
            }
        }

        if (!string.Equals(scheme, "APIKey", StringComparison.OrdinalIgnoreCase))
        {
            return "Invalid authorization header. Send 'Authorization: APIKey <token>' or 'Authorization: Bearer <access token>'.";
        }

        return string.Equals(header[(space + 1)..], ApiKey, StringComparison.Ordinal) ? null : "Invalid API token.";
    }

    /// <summary>The word before the credential (<c>APIKey</c>, <c>Bearer</c>), as sent; null when there is none.</summary>
    private static string? SchemeOf(string? header) =>
        header is { Length: > 0 } && header.IndexOf(' ', StringComparison.Ordinal) is > 0 and var space ? header[..space] : null;

    /// <summary>The body as the request log keeps it: the members that carry passwords or tokens replaced.</summary>
    private static string? RedactSecrets(string? body)
    {
        if (string.IsNullOrEmpty(body) || !SecretMembers.Any(m => body.Contains('"' + m + '"', StringComparison.Ordinal)))
        {
            return body;
        }

        try
        {
            if (JToken.Parse(body) is not JContainer json)
            {
                return body;
            }

            foreach (var property in json.Descendants().OfType<JProperty>().Where(p => SecretMembers.Contains(p.Name)).ToList())
            {
                property.Value = "[REDACTED]";
            }

            return json.ToString(Newtonsoft.Json.Formatting.None);
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return "[a body that is not JSON and names a secret member; not kept]";
        }
    }

    private static readonly string[] SecretMembers = ["password", "one_time_password", "old", "new", "double", "refresh", "access"];

    private FakeFault? TakeFault(FakeOperation operation, FakeFaultKind[] onlyKinds)
    {
        lock (_gate)
        {
            var pending = _faults.FirstOrDefault(f => f.Operation is null || f.Operation == operation);
            if (pending is null || !onlyKinds.Contains(pending.Fault.Kind))
            {
                return null;
            }

            pending.Remaining--;
            if (pending.Remaining == 0)
            {
                _faults.Remove(pending);
            }

            return pending.Fault;
        }
    }

    private static ResponseMessage FaultResponse(FakeFault fault, string requestId)
    {
        switch (fault.Kind)
        {
            case FakeFaultKind.RateLimited:
                var limited = ToResponse(FakeAnswer.Message(429, "Request was throttled. Expected available in a moment."), requestId);
                if (fault.RetryAfter is { } wait)
                {
                    limited.AddHeader("Retry-After", ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
                }

                return limited;
            case FakeFaultKind.ServerError:
                return ToResponse(new FakeAnswer(fault.StatusCode, new JObject
                {
                    ["exception_class"] = "InternalServerError",
                    ["message"] = "The server could not handle the request. Try again later.",
                    ["request_id"] = requestId,
                }.ToString(Newtonsoft.Json.Formatting.None)), requestId);
            case FakeFaultKind.MalformedBody:
                return ToResponse(new FakeAnswer(200, "{\"id\": 1, \"email\": \"owner@exa"), requestId);
            case FakeFaultKind.ProxyBadGateway:
                return ProxyBadGatewayResponse();
            default:
                throw new InvalidOperationException($"Unexpected fault kind {fault.Kind}.");
        }
    }

    private static ResponseMessage ToResponse(FakeAnswer answer, string requestId)
    {
        var response = new ResponseMessage { StatusCode = answer.Status };
        if (answer.Json is { } json)
        {
            response.BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String, Encoding = Utf8 };
            response.AddHeader("Content-Type", "application/json");
        }

        response.AddHeader(GcoreIamResponse.RequestIdHeader, requestId);
        return response;
    }

    private static string? HeaderOf(IRequestMessage request, string header) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, header, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    /// <summary>The first value of each query parameter.</summary>
    private static Dictionary<string, string> ReadQuery(IRequestMessage request) =>
        (request.Query ?? new Dictionary<string, WireMockList<string>>()).Where(q => q.Value is { Count: > 0 })
            .ToDictionary(q => q.Key, q => q.Value[0], StringComparer.Ordinal);

    /// <summary>The first value of each header but <c>Authorization</c> (the request log keeps no credential).</summary>
    private static Dictionary<string, string> ReadHeaders(IRequestMessage request) =>
        (request.Headers ?? new Dictionary<string, WireMockList<string>>()).Where(h => h.Value is { Count: > 0 } && !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value[0], StringComparer.OrdinalIgnoreCase);

    private static string? ReadBody(IRequestMessage request)
    {
        if (!string.IsNullOrEmpty(request.Body))
        {
            return request.Body;
        }

        return request.BodyAsBytes is { Length: > 0 } bytes ? Utf8.GetString(bytes) : null;
    }
}
