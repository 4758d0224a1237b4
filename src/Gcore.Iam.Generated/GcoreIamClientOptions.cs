namespace Gcore.Iam;

/// <summary>
/// How a <see cref="GcoreIamClient"/> reaches Gcore, and with which credential: either a permanent
/// API token (<see cref="ApiKey"/>), or a username and password (<see cref="Username"/>,
/// <see cref="Password"/>, optionally <see cref="OneTimePassword"/> and <see cref="AccountId"/>) for
/// Gcore's short-lived JWTs. <see cref="ToString"/> never shows a secret.
/// </summary>
public sealed partial class GcoreIamClientOptions
{
    /// <summary>Gcore's public API.</summary>
    public const string DefaultBaseUrl = "https://api.gcore.com";

    /// <summary>
    /// The environment variable Gcore's SDKs read the API key from: read by <see cref="FromEnvironment"/>, the
    /// parameterless <see cref="GcoreIamClient()"/> and the unnamed <c>AddGcoreIam</c>, never for a named client.
    /// </summary>
    public const string ApiKeyEnvironmentVariable = "GCORE_API_KEY";

    /// <summary>The environment variable Gcore's SDKs read a base URL override from; read where <see cref="ApiKeyEnvironmentVariable"/> is.</summary>
    public const string BaseUrlEnvironmentVariable = "GCORE_BASE_URL";

    /// <summary>The configuration section <c>AddGcoreIam(IConfiguration)</c> users usually bind: <c>Gcore:Iam</c>.</summary>
    public const string DefaultConfigurationSection = "Gcore:Iam";

    /// <summary>
    /// The permanent API token, sent as <c>Authorization: APIKey &lt;token&gt;</c>. Treated as a secret:
    /// never logged, never in a message. Required (unless <see cref="Username"/> and <see cref="Password"/> are
    /// set) before the first request, and under <c>AddGcoreIam</c> when the host starts.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The username (the user's e-mail address) to log in with, instead of an API key: the client
    /// logs in on first use (<c>POST /iam/auth/jwt/login</c>), sends <c>Authorization: Bearer
    /// &lt;access token&gt;</c>, refreshes the access token shortly before it expires and once more on a
    /// 401. Needs <see cref="Password"/>; cannot be combined with <see cref="ApiKey"/>.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>The password for <see cref="Username"/>. A secret: never logged, never in a message.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// The authenticator's one-time password, for a user with two-factor authentication. It is used
    /// for the first login only (it is valid once): when the session expires (its refresh token lasts
    /// about a day), log in again with <see cref="GcoreIamClient.LogInAsync"/> and a new one.
    /// </summary>
    public string? OneTimePassword { get; set; }

    /// <summary>
    /// With <see cref="Username"/>: the account (client id) to work in, selected right after the login
    /// (<c>GET /iam/auth/jwt/clients/{clientId}/login</c>) for a user who belongs to several. Null keeps
    /// the account the login gives.
    /// </summary>
    public int? AccountId { get; set; }

    /// <summary>The clock access-token expiry is judged by; <see cref="System.TimeProvider.System"/> unless set (tests move time on).</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>The API's base URL; <see cref="DefaultBaseUrl"/> unless overridden (a fake server in tests, say).</summary>
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>
    /// The longest one call may take, all attempts and waits between them included, until its
    /// answer's body is read: a body that trickles in slower fails the call with
    /// <see cref="GcoreIamTimeoutException"/>. Default 5 minutes; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest one attempt may take until its answer's headers arrive. Default 120 s (as Gcore's SDKs).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// How many times a failed attempt is retried (connection failures, attempt timeouts, 408, 429
    /// and 5xx). Default 2, as Gcore's SDKs; 0 turns retries off. Invitations and token creation are
    /// never repeated once the request may have reached the server.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The wait before the first retry; it doubles for each later one, with jitter. Default 0.5 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(0.5);

    /// <summary>The longest wait between two attempts when the server does not say. Default 8 s.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The longest <c>Retry-After</c> (or <c>retry-after-ms</c>) the client waits for. A server that asks
    /// for longer gets no retry: the <see cref="GcoreIamRateLimitException"/> carries its
    /// <see cref="GcoreIamRateLimitException.RetryAfter"/> instead. Default 60 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where the client logs (category <c>Gcore.Iam</c>): each call at Debug, retries at Information,
    /// failures at Warning. Never the key. Under dependency injection the container's logger factory is used.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Allows sending the API key over plain <c>http://</c> to a host that is not loopback. Off by default:
    /// plain HTTP to loopback (a local fake server) is always allowed.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>
    /// Makes a response that lacks a member Gcore's description marks required an error
    /// (<see cref="GcoreIamInvalidResponseException"/>), as it is written in the description. Off by
    /// default: Gcore's answers do not always carry every such member, and, as Gcore's own SDKs do,
    /// the client reads an absent member as absent (null, or the property's default: 0, <c>""</c>, an
    /// empty list). Turn it on in contract tests against live Gcore, to see where the answers and the
    /// description part.
    /// </summary>
    public bool StrictResponses { get; set; }

    /// <summary>Options from <c>GCORE_API_KEY</c> and <c>GCORE_BASE_URL</c>, with defaults for the rest.</summary>
    /// <returns>New options.</returns>
    public static GcoreIamClientOptions FromEnvironment()
    {
        var options = new GcoreIamClientOptions();
        options.ApplyEnvironment();
        return options;
    }

    /// <summary>A copy, so that later changes to this instance do not reach a client built from it.</summary>
    /// <returns>The copy.</returns>
    public GcoreIamClientOptions Clone() => (GcoreIamClientOptions)MemberwiseClone();

    /// <summary>Describes the options without the key.</summary>
    /// <returns>For example <c>GcoreIamClientOptions { BaseUrl = https://api.gcore.com/, ApiKey = (set, redacted), ... }</c>.</returns>
    public override string ToString() =>
        $"GcoreIamClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = {Shown(ApiKey)}, Username = {Shown(Username)}, Password = {Shown(Password)}, "
        + (string.IsNullOrEmpty(OneTimePassword) ? "" : "OneTimePassword = (set, redacted), ")
        + (AccountId is { } account ? $"AccountId = {account}, " : "")
        + $"Timeout = {Timeout}, AttemptTimeout = {AttemptTimeout}, MaxRetries = {MaxRetries}, AllowInsecureHttp = {AllowInsecureHttp}, StrictResponses = {StrictResponses} }}";

    /// <summary>Whether the credential is a username and password (a JWT session) rather than an API key.</summary>
    internal bool UsesLogin => !string.IsNullOrEmpty(Username) || !string.IsNullOrEmpty(Password);

    private static string Shown(string? secret) => string.IsNullOrEmpty(secret) ? "(not set)" : "(set, redacted)";

    internal void ApplyEnvironment()
    {
        var key = Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);
        if (!string.IsNullOrEmpty(key))
        {
            ApiKey = key;
        }

        var baseUrl = Environment.GetEnvironmentVariable(BaseUrlEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(baseUrl))
        {
            BaseUrl = Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri)
                ? uri
                : throw new GcoreIamConfigurationException($"{BaseUrlEnvironmentVariable} is not an absolute URL: '{baseUrl}'.");
        }
    }
}
