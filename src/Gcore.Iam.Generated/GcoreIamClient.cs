using System.Net;
using Gcore.Iam.Auth;
using Gcore.Iam.Http;

namespace Gcore.Iam;

/// <summary>
/// The Gcore IAM API: users, API tokens and the account. One instance is meant to live as long as
/// the application (it holds a connection pool) and is safe to use from many threads.
/// </summary>
/// <example>
/// <code>
/// using var gcore = new GcoreIamClient(Environment.GetEnvironmentVariable("GCORE_API_KEY")!);
/// await foreach (var user in gcore.Users.ListAllUsersAsync())
///     Console.WriteLine($"{user.Id} {user.Email}");
/// </code>
/// </example>
public partial class GcoreIamClient : IDisposable
{
    /// <summary>
    /// The name of the HttpClient that <c>AddGcoreIam</c> registers with IHttpClientFactory for the unnamed
    /// client; a named client's is <c>Gcore.Iam:&lt;name&gt;</c> (the <c>Name</c> of the builder <c>AddGcoreIam</c> returns).
    /// </summary>
    public const string HttpClientName = "Gcore.Iam";

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly GcoreIamCredentials _credentials;
    private readonly ClientCallContext _callContext;
    private readonly GcoreIamRequestOptions? _requestOptions;

    /// <summary>A client configured from <c>GCORE_API_KEY</c> and <c>GCORE_BASE_URL</c>.</summary>
    public GcoreIamClient()
        : this(GcoreIamClientOptions.FromEnvironment())
    {
    }

    /// <summary>A client for Gcore's public API with the given API key.</summary>
    /// <param name="apiKey">The permanent API token.</param>
    public GcoreIamClient(string apiKey)
        : this(new GcoreIamClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>A client with the given options (copied: later changes to them do not apply).</summary>
    /// <param name="options">Key, base URL, timeout.</param>
    public GcoreIamClient(GcoreIamClientOptions options)
        : this(options, CreateTransport(), disposeTransport: true)
    {
    }

    /// <summary>
    /// A client that sends through <paramref name="transport"/> (a custom handler or proxy setup, or an
    /// in-memory handler in tests). The library's own handlers are layered on top of it; the
    /// transport is not disposed with the client.
    /// </summary>
    /// <param name="options">Key, base URL, timeout (copied).</param>
    /// <param name="transport">The handler that sends the requests.</param>
    public GcoreIamClient(GcoreIamClientOptions options, HttpMessageHandler transport)
        : this(options, transport, disposeTransport: false)
    {
    }

    private GcoreIamClient(GcoreIamClientOptions options, HttpMessageHandler transport, bool disposeTransport)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        var settings = options.Clone();
        settings.Validate();
        var logger = settings.LoggerFactory?.CreateLogger(Log.Category) ?? (Microsoft.Extensions.Logging.ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _callContext = new ClientCallContext(() => settings, logger);
        // The session makes its calls on this client's HttpClient, assigned below before any call can run.
        _credentials = new GcoreIamCredentials(settings, () => new GeneratedJwtCalls(_httpClient!, _callContext));
        var pipeline = GcoreIamPipeline.Create(settings, _credentials, transport, logger);
        _httpClient = new HttpClient(pipeline, disposeTransport)
        {
            BaseAddress = settings.NormalizedBaseAddress(),
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _ownsHttpClient = true;
    }

    /// <summary>Used by dependency injection: the HttpClient already carries the library's handlers.</summary>
    internal GcoreIamClient(HttpClient configuredHttpClient, GcoreIamCredentials credentials, ClientCallContext callContext)
    {
        _httpClient = configuredHttpClient;
        _credentials = credentials;
        _callContext = callContext;
    }

    /// <summary>A view of <paramref name="parent"/> whose areas' calls carry <paramref name="requestOptions"/>.</summary>
    private GcoreIamClient(GcoreIamClient parent, GcoreIamRequestOptions requestOptions)
    {
        _httpClient = parent._httpClient;
        _credentials = parent._credentials;
        _callContext = parent._callContext;
        _requestOptions = requestOptions;
    }

    /// <summary>
    /// A view of the whole client whose calls, in every area, use <paramref name="options"/> over the
    /// client's own (in the style of Gcore's Python SDK <c>client.with_options(...)</c>); see
    /// <see cref="GcoreIamRequestOptions"/> for what can be set and the precedence. The view shares
    /// this client's connections and key; disposing it does nothing, disposing this client ends both.
    /// </summary>
    /// <param name="options">The options; copied, so later changes to them do not apply.</param>
    /// <returns>The view.</returns>
    public virtual GcoreIamClient WithOptions(GcoreIamRequestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GcoreIamClient(this, GcoreIamRequestOptions.Combine(_requestOptions, options));
    }

    // The areas (Users, ApiTokens, Account, ...) are generated from the spec's tags: one property per
    // generated client, in the generated GcoreIamClient partial (templates/Client.Class.liquid).

    /// <summary>The base address requests go to.</summary>
    public Uri? BaseAddress => _httpClient.BaseAddress;

    /// <summary>
    /// Replaces the API key for every later request of this client (and, under dependency injection,
    /// of every client of the same name from the same container). Requests already sent keep the key they had. A
    /// client that logged in with a username and password uses the key from then on.
    /// </summary>
    /// <param name="apiKey">The new permanent API token.</param>
    public void UpdateApiKey(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        _credentials.UseApiKey(apiKey);
    }

    /// <summary>
    /// Logs in again now with the configured username and password: after the session expired
    /// (a <see cref="GcoreIamAuthenticationException"/> saying so), or to use a new one-time password.
    /// Without it, the client logs in by itself on its first call.
    /// </summary>
    /// <param name="oneTimePassword">The authenticator's current one-time password, for a user with two-factor authentication.</param>
    /// <param name="cancellationToken">Stops the login.</param>
    /// <returns>When the new tokens are in place.</returns>
    /// <exception cref="InvalidOperationException">The client uses an API key, not a username and password.</exception>
    public virtual Task LogInAsync(string? oneTimePassword = null, CancellationToken cancellationToken = default) =>
        _credentials.Session is { } session
            ? session.LogInAgainAsync(oneTimePassword, cancellationToken)
            : throw new InvalidOperationException("This client uses an API key; LogInAsync needs GcoreIamClientOptions.Username and Password.");

    /// <summary>
    /// Renews the access token of a username-and-password client now, instead of shortly before it
    /// expires (logging in first when it has not yet).
    /// </summary>
    /// <param name="cancellationToken">Stops the refresh.</param>
    /// <returns>When the new access token is in place.</returns>
    /// <exception cref="InvalidOperationException">The client uses an API key, not a username and password.</exception>
    public virtual Task RefreshLoginAsync(CancellationToken cancellationToken = default) =>
        _credentials.Session is { } session
            ? session.RefreshNowAsync(cancellationToken)
            : throw new InvalidOperationException("This client uses an API key; RefreshLoginAsync needs GcoreIamClientOptions.Username and Password.");

    /// <summary>
    /// When the access token of a username-and-password client expires; null before its first login, for an API key,
    /// and when the access token does not say (Gcore's description types it only as a string: a token that is not a
    /// JWT with an <c>exp</c> claim is used until Gcore answers 401, and then renewed once).
    /// </summary>
    public DateTimeOffset? LoginExpires => _credentials.Session?.AccessExpires;

    /// <summary>Describes the client without its key.</summary>
    /// <returns>For example <c>GcoreIamClient { BaseAddress = https://api.gcore.com/ }</c>.</returns>
    public override string ToString() => $"GcoreIamClient {{ BaseAddress = {BaseAddress} }}";

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the HttpClient when this client created it.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && _ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    /// <summary>The area properties (one per generated client interface), which dependency injection registers.</summary>
    internal static IEnumerable<System.Reflection.PropertyInfo> Areas =>
        typeof(GcoreIamClient).GetProperties()
            .Where(p => p.PropertyType.IsInterface && p.PropertyType.Namespace == typeof(GcoreIamClient).Namespace && p.PropertyType.Name.EndsWith("Client", StringComparison.Ordinal));

    /// <summary>
    /// The library's transport. On .NET: <c>SocketsHttpHandler</c>, each attempt reaching the server
    /// once (<c>OneRequestPerAttempt</c>). On netstandard2.0 and .NET Framework there is no
    /// <c>SocketsHttpHandler</c> to ask: the platform's <see cref="HttpClientHandler"/>, which may re-send a
    /// request by itself when a kept-alive connection closes before the answer (README, "Older runtimes").
    /// </summary>
#if NET
    internal static SocketsHttpHandler CreateTransport() => new()
    {
        AutomaticDecompression = DecompressionMethods.All,
        // Gcore's API does not redirect; a redirect means a wrong base URL, and following it could
        // carry the key elsewhere. It surfaces as an error instead.
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // Each attempt reaches the server once: the transport does not re-send a request whose
        // connection closed before the answer (see OneRequestPerAttempt).
        PlaintextStreamFilter = OneRequestPerAttempt.Filter,
    };
#else
    internal static HttpClientHandler CreateTransport() => new()
    {
        AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
        // As on .NET: a redirect surfaces as an error instead of carrying the key elsewhere.
        AllowAutoRedirect = false,
    };
#endif
}
