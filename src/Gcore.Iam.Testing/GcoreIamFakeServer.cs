using System.Text;
using Gcore.Iam.Testing.Hosting;
using Newtonsoft.Json;

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

    private readonly FakeHost _host;
    private readonly GcoreIamFakeSeed _seed;
    private readonly object _gate = new();
    private readonly List<FakeRequest> _requests = [];
    private readonly List<PendingFault> _faults = [];
    private FakeState _state;
    private int _requestCounter;
    private TimeSpan _accessTokenLifetime = TimeSpan.FromHours(1);
    private TimeSpan _refreshTokenLifetime = TimeSpan.FromHours(24);
    private volatile bool _sendUnknownEnumValues;
    private int _disposed;

    private GcoreIamFakeServer(GcoreIamFakeSeed seed)
    {
        Validate(seed);
        try
        {
            _seed = FakeJson.Clone(seed);
        }
        catch (JsonException e)
        {
            // A member the spec requires is null (a user's Email, the account's CompanyName, ...).
            throw new ArgumentException($"The seed cannot be served as the spec requires: {e.Message}", nameof(seed), e);
        }

        _state = new FakeState(_seed);
        // Kestrel on .NET, the fake's own loopback server elsewhere (Hosting/): every request to ServeAsync.
        _host = FakeHost.Start(ServeAsync);
        BaseUrl = _host.BaseUrl;
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

    /// <summary>
    /// The clock the fake reads (token expiry dates, creation times, JWT lifetimes):
    /// <see cref="TimeProvider.System"/> unless a test sets its own to move time on.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Every request received since the start (or <see cref="ClearRequests"/>), oldest first.</summary>
    public IReadOnlyList<FakeRequest> Requests => Locked(() => _requests.ToArray());

    /// <summary>A copy of the account's current users, in list order.</summary>
    public IReadOnlyList<User> Users => Locked(() => _state.Users.Select(FakeJson.Clone).ToArray());

    /// <summary>How long the access tokens the fake issues live (by <see cref="TimeProvider"/>); Gcore's live about an hour.</summary>
    public TimeSpan AccessTokenLifetime
    {
        get => _accessTokenLifetime;
        set => _accessTokenLifetime = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The lifetime must be positive.");
    }

    /// <summary>How long the refresh tokens the fake issues live; Gcore's live about a day. Each works once.</summary>
    public TimeSpan RefreshTokenLifetime
    {
        get => _refreshTokenLifetime;
        set => _refreshTokenLifetime = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The lifetime must be positive.");
    }

    /// <summary>A copy of the login activity log: the seed's, then every login through the fake.</summary>
    public IReadOnlyList<LoginActivity> Logins => Locked(() => _state.Logins.Select(FakeJson.Clone).ToArray());

    /// <summary>A copy of the account's current API tokens, deleted ones included.</summary>
    public IReadOnlyList<ApiToken> ApiTokens => Locked(() => _state.Tokens.Select(FakeJson.Clone).ToArray());

    /// <summary>The operations the fake's state has a handler for (a test holds this to every operation of the spec).</summary>
    internal IReadOnlyList<FakeOperation> HandledOperations => Locked(() => _state.Handled);

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
    public int PendingFaults => Locked(() => _faults.Sum(f => f.Remaining));

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

    /// <summary>Puts the state back to the seed and clears recorded requests, faults, the switches of <see cref="Deviate"/> and <see cref="SendUnknownEnumValues"/>.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _state = new FakeState(_seed);
            _requests.Clear();
            _faults.Clear();
            _deviations.Clear();
            _sendUnknownEnumValues = false;
        }
    }

    /// <summary>Describes the server without its key.</summary>
    /// <returns>For example <c>GcoreIamFakeServer { BaseUrl = http://127.0.0.1:54321/, AccountId = 200001 }</c>.</returns>
    public override string ToString() => $"GcoreIamFakeServer {{ BaseUrl = {BaseUrl}, AccountId = {AccountId} }}";

    /// <summary>Stops the server.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Stops the server.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static void Validate(GcoreIamFakeSeed seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var problem = string.IsNullOrWhiteSpace(seed.ApiKey) || seed.ApiKey.Any(c => char.IsControl(c) || c == ' ') ? "The seed's ApiKey must be a non-empty token without spaces or control characters."
            : seed.Account is null ? "The seed has no Account."
            : seed.Users.Any(u => u is null) || seed.ApiTokens.Any(t => t is null) ? "The seed lists a null user or token."
            : Twice(seed.Users.Select(u => u.Id)) is { } user ? $"The seed has two users with id {user}."
            : Twice(seed.ApiTokens.Select(t => t.Id)) is { } token ? $"The seed has two API tokens with id {token}."
            : seed.Logins.Any(l => l is null) ? "The seed lists a null login."
            : seed.Password is null || seed.OneTimePassword is null ? "The seed's Password and OneTimePassword must not be null."
            : null;
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(seed));
        }

        static int? Twice(IEnumerable<int> ids) => ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1)?.Key;
    }

    /// <summary>What <paramref name="read"/> gives under the server's lock (the state and logs change under it).</summary>
    private T Locked<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    private sealed class PendingFault(FakeFault fault, FakeOperation? operation, int times)
    {
        public FakeFault Fault => fault;

        public FakeOperation? Operation => operation;

        public int Remaining { get; set; } = times;
    }
}
