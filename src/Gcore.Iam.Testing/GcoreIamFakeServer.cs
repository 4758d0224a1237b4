using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Gcore.Iam.Testing;

/// <summary>
/// A fake Gcore IAM server on a free 127.0.0.1 port, for testing code that calls the Gcore IAM API.
/// It keeps state (invite, update, revoke, token create and delete change what later calls see),
/// answers the user list in both of the live API's shapes, checks the API key, records every
/// request, and fails on demand. Dispose it to stop it.
/// </summary>
/// <example>
/// <code>
/// await using var fake = GcoreIamFakeServer.Start();
/// using var gcore = fake.CreateClient();
/// var page = await gcore.Users.ListUsersAsync(limit: 5);
/// </code>
/// </example>
public sealed partial class GcoreIamFakeServer : IDisposable, IAsyncDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(false);

    private readonly WireMockServer _server;
    private readonly GcoreIamFakeSeed _seed;
    private readonly object _gate = new();
    private readonly List<FakeRequest> _requests = [];
    private readonly List<PendingFault> _faults = [];
    private FakeState _state;
    private int _requestCounter;
    private volatile bool _sendUnknownEnumValues;
    private int _disposed;

    private GcoreIamFakeServer(GcoreIamFakeSeed seed)
    {
        Validate(seed);
        try
        {
            _seed = new GcoreIamFakeSeed { ApiKey = seed.ApiKey, Account = FakeJson.Clone(seed.Account) };
            foreach (var user in seed.Users)
            {
                _seed.Users.Add(FakeJson.Clone(user));
            }

            foreach (var token in seed.ApiTokens)
            {
                _seed.ApiTokens.Add(FakeJson.Clone(token));
            }
        }
        catch (JsonException e)
        {
            // A member the spec requires is null (a user's Email, the account's CompanyName, ...).
            throw new ArgumentException($"The seed cannot be served as the spec requires: {e.Message}", nameof(seed), e);
        }

        _state = new FakeState(_seed);
        _server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            Logger = new WireMockNullLogger(),
            StartAdminInterface = false,
            MaxRequestLogCount = 16,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(DropConnectionAsync),
        });
        _server.Given(Request.Create().WithPath(new RegexMatcher(".*")).UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(HandleAsync));
        BaseUrl = new Uri(_server.Url ?? throw new InvalidOperationException("WireMock did not report the URL it listens on."));
    }

    /// <summary>Starts a fake server with <paramref name="seed"/>, or with <see cref="GcoreIamFakeSeed.CreateDefault"/> data.</summary>
    /// <param name="seed">The data to start with (copied).</param>
    /// <returns>The running server.</returns>
    /// <exception cref="ArgumentException">The seed is inconsistent (no key, duplicate ids).</exception>
    public static GcoreIamFakeServer Start(GcoreIamFakeSeed? seed = null) => new(seed ?? GcoreIamFakeSeed.CreateDefault());

    /// <summary>The server's base URL, such as <c>http://127.0.0.1:54321/</c>: set it as <see cref="GcoreIamClientOptions.BaseUrl"/>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The API key the server accepts (a secret like any other: do not log it).</summary>
    public string ApiKey => _seed.ApiKey;

    /// <summary>The id of the account the key belongs to.</summary>
    public int AccountId => _seed.Account.Id;

    /// <summary>
    /// When true, answers carry enum values this client version does not know: every user gets the
    /// auth type <c>saml</c> and the language <c>fr</c>, the account the capability <c>WAAP</c>.
    /// The stored state does not change. Off by default.
    /// </summary>
    public bool SendUnknownEnumValues
    {
        get => _sendUnknownEnumValues;
        set => _sendUnknownEnumValues = value;
    }

    /// <summary>Every request received since the start (or <see cref="ClearRequests"/>), oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>A copy of the account's current users, in list order.</summary>
    public IReadOnlyList<User> Users
    {
        get
        {
            lock (_gate)
            {
                return _state.Users.Select(FakeJson.Clone).ToArray();
            }
        }
    }

    /// <summary>A copy of the account's current API tokens, deleted ones included.</summary>
    public IReadOnlyList<ApiToken> ApiTokens
    {
        get
        {
            lock (_gate)
            {
                return _state.Tokens.Select(FakeJson.Clone).ToArray();
            }
        }
    }

    /// <summary>A client for this server with its key (and whatever <paramref name="configure"/> changes).</summary>
    /// <param name="configure">Adjusts the options (timeout, say) before the client is built.</param>
    /// <returns>A new client; dispose it.</returns>
    public GcoreIamClient CreateClient(Action<GcoreIamClientOptions>? configure = null)
    {
        var options = new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = BaseUrl };
        configure?.Invoke(options);
        return new GcoreIamClient(options);
    }

    /// <summary>
    /// Makes the next <paramref name="times"/> calls (to <paramref name="operation"/> only, when given)
    /// fail with <paramref name="fault"/>. Faults queue up in the order they are added; a fault
    /// applies before the API key is checked, as a proxy or rate limiter in front of Gcore would.
    /// </summary>
    /// <param name="fault">The failure.</param>
    /// <param name="times">How many calls it hits (at least 1).</param>
    /// <param name="operation">Only calls to this operation; null for any call.</param>
    public void FailNext(FakeFault fault, int times = 1, FakeOperation? operation = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (_gate)
        {
            _faults.Add(new PendingFault(fault, operation, times));
        }
    }

    /// <summary>How many injected faults are still waiting to hit a call.</summary>
    public int PendingFaults
    {
        get
        {
            lock (_gate)
            {
                return _faults.Sum(f => f.Remaining);
            }
        }
    }

    /// <summary>Drops every fault not yet used.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Puts the state back to the seed and clears recorded requests, faults and <see cref="SendUnknownEnumValues"/>.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _state = new FakeState(_seed);
            _requests.Clear();
            _faults.Clear();
            _sendUnknownEnumValues = false;
        }
    }

    /// <summary>Describes the server without its key.</summary>
    /// <returns>For example <c>GcoreIamFakeServer { BaseUrl = http://127.0.0.1:54321/, AccountId = 200001 }</c>.</returns>
    public override string ToString() => $"GcoreIamFakeServer {{ BaseUrl = {BaseUrl}, AccountId = {AccountId} }}";

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _server.Stop();
            _server.Dispose();
        }
    }

    /// <summary>Stops the server.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Validate(GcoreIamFakeSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        if (string.IsNullOrWhiteSpace(seed.ApiKey) || seed.ApiKey.Any(char.IsControl) || seed.ApiKey.Contains(' ', StringComparison.Ordinal))
        {
            throw new ArgumentException("The seed's ApiKey must be a non-empty token without spaces or control characters.", nameof(seed));
        }

        if (seed.Account is null)
        {
            throw new ArgumentException("The seed has no Account.", nameof(seed));
        }

        if (seed.Account.Id < 1)
        {
            throw new ArgumentException($"The seed's account id must be positive; it is {seed.Account.Id}.", nameof(seed));
        }

        if (seed.Users.Any(u => u is null) || seed.ApiTokens.Any(t => t is null))
        {
            throw new ArgumentException("The seed lists a null user or token.", nameof(seed));
        }

        if (seed.Users.GroupBy(u => u.Id).FirstOrDefault(g => g.Count() > 1) is { } dupUser)
        {
            throw new ArgumentException($"The seed has two users with id {dupUser.Key}.", nameof(seed));
        }

        if (seed.ApiTokens.GroupBy(t => t.Id).FirstOrDefault(g => g.Count() > 1) is { } dupToken)
        {
            throw new ArgumentException($"The seed has two API tokens with id {dupToken.Key}.", nameof(seed));
        }
    }

    private async Task<IResponseMessage> HandleAsync(IRequestMessage request)
    {
        var method = request.Method.ToUpperInvariant();
        var path = request.AbsolutePath ?? request.Path ?? "/";
        var query = ReadQuery(request);
        var body = ReadBody(request);
        var route = Route.Match(method, path);
        var requestId = "fake-" + Interlocked.Increment(ref _requestCounter).ToString("D6", CultureInfo.InvariantCulture);
        var authorized = IsAuthorized(request, out var authProblem);

        var fault = TakeFault(route.Operation);
        if (fault is not null && fault.Kind == FakeFaultKind.Delay)
        {
            await Task.Delay(fault.Delay).ConfigureAwait(false);
        }

        ResponseMessage response;
        if (fault is not null && fault.Kind != FakeFaultKind.Delay)
        {
            response = FaultResponse(fault, requestId);
        }
        else if (!authorized)
        {
            response = Json(401, FakeJson.Serialize(new FakeErrorBody { Message = authProblem }), requestId);
        }
        else
        {
            var ctx = new FakeContext(route, query, body, requestId, BaseUrl, _sendUnknownEnumValues);
            lock (_gate)
            {
                response = _state.Handle(ctx);
            }
        }

        var status = response.StatusCode is int code ? code : 0;
        lock (_gate)
        {
            _requests.Add(new FakeRequest(route.Operation, method, path, query, body, ReadHeaders(request), authorized, status, fault?.Kind));
        }

        return response;
    }

    /// <summary>
    /// Runs in the ASP.NET Core pipeline before WireMock: a queued <see cref="FakeFaultKind.DropConnection"/>
    /// aborts the connection here, since a WireMock response cannot.
    /// </summary>
    private async Task DropConnectionAsync(HttpContext context, Func<Task> next)
    {
        var method = context.Request.Method.ToUpperInvariant();
        var path = context.Request.Path.Value ?? "/";
        var route = Route.Match(method, path);
        if (TakeFault(route.Operation, onlyKind: FakeFaultKind.DropConnection) is not null)
        {
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? "", StringComparer.Ordinal);
            var authorized = context.Request.Headers.Authorization.FirstOrDefault() is { } header
                && string.Equals(header, "APIKey " + ApiKey, StringComparison.OrdinalIgnoreCase)
                && header.EndsWith(ApiKey, StringComparison.Ordinal);
            lock (_gate)
            {
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var (name, values) in context.Request.Headers)
                {
                    if (!string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase))
                    {
                        headers[name] = values.FirstOrDefault() ?? "";
                    }
                }

                _requests.Add(new FakeRequest(route.Operation, method, path, query, null, headers, authorized, 0, FakeFaultKind.DropConnection));
            }

            context.Abort();
            return;
        }

        await next().ConfigureAwait(false);
    }

    private FakeFault? TakeFault(FakeOperation operation, FakeFaultKind? onlyKind = null)
    {
        lock (_gate)
        {
            var pending = _faults.FirstOrDefault(f => f.Operation is null || f.Operation == operation);
            if (pending is null || (onlyKind is { } kind && pending.Fault.Kind != kind))
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
                var limited = Json(429, FakeJson.Serialize(new FakeErrorBody { Message = "Request was throttled. Expected available in a moment.", RequestId = requestId }), requestId);
                if (fault.RetryAfter is { } wait)
                {
                    limited.AddHeader("Retry-After", ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
                }

                return limited;
            case FakeFaultKind.ServerError:
                return Json(fault.StatusCode, FakeJson.Serialize(new FakeErrorBody
                {
                    ExceptionClass = "InternalServerError",
                    Message = "The server could not handle the request. Try again later.",
                    RequestId = requestId,
                }), requestId);
            case FakeFaultKind.MalformedBody:
                return Json(200, "{\"id\": 1, \"email\": \"owner@exa", requestId);
            case FakeFaultKind.DropConnection:
                // Reached only when a drop was queued while this request was already past the
                // middleware that aborts connections: break the body off instead.
                return new ResponseMessage
                {
                    StatusCode = 200,
                    FaultType = FaultType.MALFORMED_RESPONSE_CHUNK,
                    FaultPercentage = 1.0,
                    BodyData = new BodyData { BodyAsString = "{\"id\": 1}", DetectedBodyType = BodyType.String, Encoding = Utf8 },
                };
            default:
                throw new InvalidOperationException($"Unexpected fault kind {fault.Kind}.");
        }
    }

    private bool IsAuthorized(IRequestMessage request, out string problem)
    {
        string? header = null;
        if (request.Headers is not null)
        {
            foreach (var (name, values) in request.Headers)
            {
                if (string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) && values is { Count: > 0 })
                {
                    header = values[0];
                    break;
                }
            }
        }

        if (string.IsNullOrEmpty(header))
        {
            problem = "Authentication credentials were not provided.";
            return false;
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !string.Equals(header[..space], "APIKey", StringComparison.OrdinalIgnoreCase))
        {
            problem = "Invalid authorization header. Send 'Authorization: APIKey <token>'.";
            return false;
        }

        if (!string.Equals(header[(space + 1)..], ApiKey, StringComparison.Ordinal))
        {
            problem = "Invalid API token.";
            return false;
        }

        problem = "";
        return true;
    }

    private static Dictionary<string, string> ReadQuery(IRequestMessage request)
    {
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Query is not null)
        {
            foreach (var (name, values) in request.Query)
            {
                if (values is { Count: > 0 })
                {
                    query[name] = values[0];
                }
            }
        }

        return query;
    }

    private static Dictionary<string, string> ReadHeaders(IRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (request.Headers is not null)
        {
            foreach (var (name, values) in request.Headers)
            {
                if (!string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) && values is { Count: > 0 })
                {
                    headers[name] = values[0];
                }
            }
        }

        return headers;
    }

    private static string? ReadBody(IRequestMessage request)
    {
        if (!string.IsNullOrEmpty(request.Body))
        {
            return request.Body;
        }

        return request.BodyAsBytes is { Length: > 0 } bytes ? Utf8.GetString(bytes) : null;
    }

    internal static ResponseMessage Json(int status, string json, string requestId)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = json, DetectedBodyType = BodyType.String, Encoding = Utf8 },
        };
        response.AddHeader("Content-Type", "application/json");
        response.AddHeader("X-Request-ID", requestId);
        return response;
    }

    internal static ResponseMessage NoContent(string requestId)
    {
        var response = new ResponseMessage { StatusCode = 204 };
        response.AddHeader("X-Request-ID", requestId);
        return response;
    }

    private sealed class PendingFault(FakeFault fault, FakeOperation? operation, int times)
    {
        public FakeFault Fault { get; } = fault;

        public FakeOperation? Operation { get; } = operation;

        public int Remaining { get; set; } = times;
    }
}

/// <summary>Which operation a request is, with its path ids.</summary>
internal sealed partial record Route(FakeOperation Operation, int? ClientId, int? Id, bool MethodNotAllowed, string Method)
{
    [GeneratedRegex(@"^/iam/users/?$")]
    private static partial Regex UsersPath();

    [GeneratedRegex(@"^/iam/users/(\d{1,10})/?$")]
    private static partial Regex UserPath();

    [GeneratedRegex(@"^/iam/clients/(\d{1,10})/client-users/(\d{1,10})/?$")]
    private static partial Regex ClientUserPath();

    [GeneratedRegex(@"^/iam/clients/invite_user/?$")]
    private static partial Regex InvitePath();

    [GeneratedRegex(@"^/iam/clients/me/?$")]
    private static partial Regex MePath();

    [GeneratedRegex(@"^/iam/v2/clients/(\d{1,10})/tokens/?$")]
    private static partial Regex TokensPath();

    [GeneratedRegex(@"^/iam/v2/clients/(\d{1,10})/tokens/(\d{1,10})/?$")]
    private static partial Regex TokenPath();

    public static Route Match(string method, string path)
    {
        Match m;
        if (UsersPath().IsMatch(path))
        {
            return Pick(method, null, null, ("GET", FakeOperation.ListUsers));
        }

        if ((m = UserPath().Match(path)).Success)
        {
            return Pick(method, null, Int(m.Groups[1].Value), ("GET", FakeOperation.GetUser), ("PATCH", FakeOperation.UpdateUser));
        }

        if ((m = ClientUserPath().Match(path)).Success)
        {
            return Pick(method, Int(m.Groups[1].Value), Int(m.Groups[2].Value), ("DELETE", FakeOperation.RevokeAccess));
        }

        if (InvitePath().IsMatch(path))
        {
            return Pick(method, null, null, ("POST", FakeOperation.InviteUser));
        }

        if (MePath().IsMatch(path))
        {
            return Pick(method, null, null, ("GET", FakeOperation.GetAccountOverview));
        }

        if ((m = TokensPath().Match(path)).Success)
        {
            return Pick(method, Int(m.Groups[1].Value), null, ("GET", FakeOperation.ListApiTokens), ("POST", FakeOperation.CreateApiToken));
        }

        if ((m = TokenPath().Match(path)).Success)
        {
            return Pick(method, Int(m.Groups[1].Value), Int(m.Groups[2].Value), ("GET", FakeOperation.GetApiToken), ("DELETE", FakeOperation.DeleteApiToken));
        }

        return new Route(FakeOperation.Unknown, null, null, false, method);
    }

    private static Route Pick(string method, int? clientId, int? id, params (string Method, FakeOperation Operation)[] choices)
    {
        foreach (var (m, op) in choices)
        {
            if (m == method)
            {
                return new Route(op, clientId, id, false, method);
            }
        }

        return new Route(FakeOperation.Unknown, clientId, id, true, method);
    }

    // An id too large for an int matches no object: -1 makes it a 404.
    private static int Int(string digits) => int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
}

/// <summary>What a handler needs to know about one request.</summary>
internal sealed record FakeContext(Route Route, IReadOnlyDictionary<string, string> Query, string? Body, string RequestId, Uri BaseUrl, bool UnknownEnums);

/// <summary>The serializer settings of the fake: the generated models' own attributes decide the shapes.</summary>
internal static class FakeJson
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        MaxDepth = 64,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        Formatting = Formatting.None,
    };

    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

    public static T Clone<T>(T value)
        where T : class =>
        JsonConvert.DeserializeObject<T>(Serialize(value), Settings) ?? throw new InvalidOperationException($"Could not copy a {typeof(T).Name}.");
}
