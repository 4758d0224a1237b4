using System.Globalization;
using System.Net;
using Gcore.Iam.Testing;

namespace Gcore.Iam.Cli;

/// <summary>What the command line and the environment say about where and how to connect.</summary>
/// <param name="ApiKeyOption">--api-key as given (null when absent; empty when given empty).</param>
/// <param name="BaseUrlOption">--base-url as given.</param>
/// <param name="Fake">--fake (or GCORE_FAKE).</param>
/// <param name="AllowInsecureHttp">--allow-insecure-http.</param>
/// <param name="Retries">--retries.</param>
/// <param name="Timeout">--timeout: one attempt's limit; null for the library's defaults.</param>
/// <param name="Login">The login of --username, or null.</param>
/// <param name="DryRun">--dry-run: changes are printed, not sent.</param>
internal sealed record SessionSettings(
    string? ApiKeyOption, string? BaseUrlOption, bool Fake, bool AllowInsecureHttp, int Retries, TimeSpan? Timeout, CliLogin? Login, bool DryRun)
{
    public override string ToString() => "SessionSettings { (redacted) }";
}

/// <summary>
/// One command's connection to Gcore: a client for the configured key and base URL, or for a fake
/// server started for this run (asked for with --fake, or without a key at a terminal). Disposing it
/// stops the fake.
/// </summary>
internal sealed class GcoreSession : IAsyncDisposable
{
    private readonly GcoreIamFakeServer? _fake;
    private readonly DryRunTransport? _dryRun;

    private GcoreSession(GcoreIamClient client, GcoreIamFakeServer? fake, DryRunTransport? dryRun, string secret, bool usesLogin)
    {
        Client = client;
        _fake = fake;
        _dryRun = dryRun;
        Secret = secret;
        UsesLogin = usesLogin;
    }

    public GcoreIamClient Client { get; }

    /// <summary>The key or password in use, kept only to redact it from anything printed.</summary>
    public string Secret { get; }

    /// <summary>Whether the session logs in with a username and password (JWT) instead of an API key.</summary>
    public bool UsesLogin { get; }

    public bool IsFake => _fake is not null;

    /// <summary>Whether changes are printed instead of sent (--dry-run).</summary>
    public bool IsDryRun => _dryRun is not null;

    /// <summary>In a dry run: the next change is printed instead of sent (reads before it, such as the key's own account, are sent).</summary>
    public void ArmDryRun() => _dryRun?.Arm();

    /// <summary>Opens the session; <paramref name="transport"/>, when given, is the handler the client sends through (not disposed here).</summary>
    public static GcoreSession Open(SessionSettings settings, CliContext context, HttpMessageHandler? transport = null)
    {
        var environmentKey = context.GetEnvironmentVariable(GcoreIamClientOptions.ApiKeyEnvironmentVariable);
        var environmentUrl = context.GetEnvironmentVariable(GcoreIamClientOptions.BaseUrlEnvironmentVariable);
        var login = settings.Login;
        if (settings.Fake)
        {
            if (settings.ApiKeyOption is not null || settings.BaseUrlOption is not null)
            {
                throw new UsageException("--fake uses the built-in fake server, with its own key and address: leave out --api-key and --base-url.");
            }

            return OpenFake(settings, context, transport, before: "", after: ", as --fake asks");
        }

        var apiKey = KeyOf(settings.ApiKeyOption, environmentKey);
        var baseUrlText = settings.BaseUrlOption ?? (string.IsNullOrEmpty(environmentUrl) ? null : environmentUrl);
        if (apiKey is not null && login is not null)
        {
            throw new GcoreIamConfigurationException(
                $"Both an API key and a username are given: use --api-key ({GcoreIamClientOptions.ApiKeyEnvironmentVariable}) or --username ({CliContext.UsernameEnvironmentVariable}), not both.");
        }

        if (apiKey is null && login is null)
        {
            if (baseUrlText is not null)
            {
                throw new GcoreIamConfigurationException(
                    $"A base URL was given ({baseUrlText.Trim()}) but no API key: pass --api-key or set {GcoreIamClientOptions.ApiKeyEnvironmentVariable} (or log in with --username).");
            }

            if (!context.Tty.IsInteractive)
            {
                throw new GcoreIamConfigurationException(
                    $"No API key: set {GcoreIamClientOptions.ApiKeyEnvironmentVariable} (or pass --api-key), or log in with --username. "
                    + $"To try the tool on the built-in fake server with sample data, pass --fake (or set {CliApp.FakeEnvironmentVariable}=1); "
                    + "outside a terminal it is used only when asked for.");
            }

            return OpenFake(settings, context, transport, before: $"no API key (--api-key or {GcoreIamClientOptions.ApiKeyEnvironmentVariable}), so ", after: "");
        }

        var options = new GcoreIamClientOptions { ApiKey = apiKey, MaxRetries = settings.Retries, AllowInsecureHttp = settings.AllowInsecureHttp };
        ApplyTimeout(options, settings);
        if (login is not null)
        {
            (options.Username, options.Password, options.OneTimePassword, options.AccountId) = (login.Username, login.Password, login.OneTimePassword, login.AccountId);
        }

        if (baseUrlText is not null)
        {
            options.BaseUrl = BaseUrlOf(baseUrlText.Trim(), settings.AllowInsecureHttp);
        }

        var (client, dryRun) = ClientOf(options, settings, transport);
        return new GcoreSession(client, null, dryRun, apiKey ?? login!.Password, login is not null);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _dryRun?.Dispose();
        if (_fake is not null)
        {
            await _fake.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static GcoreSession OpenFake(SessionSettings settings, CliContext context, HttpMessageHandler? transport, string before, string after)
    {
        var fake = GcoreIamFakeServer.Start();
        context.Error.WriteLine(
            $"gcore-iam: {before}using the built-in fake Gcore IAM server with sample data at {fake.BaseUrl}{after} (offline; changes last for this command only; see docs/cli.md for its users and password).");
        var options = new GcoreIamClientOptions { ApiKey = fake.ApiKey, BaseUrl = fake.BaseUrl, MaxRetries = settings.Retries };
        ApplyTimeout(options, settings);
        if (settings.Login is { } login)
        {
            // A login against the fake: its users and password (GcoreIamFakeSeed), no key.
            options.ApiKey = null;
            (options.Username, options.Password, options.OneTimePassword, options.AccountId) = (login.Username, login.Password, login.OneTimePassword, login.AccountId);
        }

        var (client, dryRun) = ClientOf(options, settings, transport);
        return new GcoreSession(client, fake, dryRun, settings.Login?.Password ?? fake.ApiKey, settings.Login is not null);
    }

    /// <summary>The client: through the dry run's transport (over <paramref name="transport"/> when given), through <paramref name="transport"/>, or the library's own.</summary>
    private static (GcoreIamClient Client, DryRunTransport? DryRun) ClientOf(GcoreIamClientOptions options, SessionSettings settings, HttpMessageHandler? transport)
    {
        if (settings.DryRun)
        {
            var dryRun = new DryRunTransport(transport ?? new SocketsHttpHandler(), disposeInner: transport is null);
            return (new GcoreIamClient(options, dryRun), dryRun);
        }

        return (transport is null ? new GcoreIamClient(options) : new GcoreIamClient(options, transport), null);
    }

    /// <summary>The key to use: the option's when given, else the environment's; given but empty is an error, never "no key".</summary>
    private static string? KeyOf(string? option, string? environment)
    {
        if (option is not null)
        {
            return option.Trim().Length > 0
                ? option
                : throw new GcoreIamConfigurationException(
                    "--api-key was given but is empty or blank (a variable that did not load, such as --api-key \"$KEY\" with KEY unset?). Give the key, or leave --api-key out.");
        }

        if (environment is not null)
        {
            return environment.Trim().Length > 0
                ? environment
                : throw new GcoreIamConfigurationException(
                    $"{GcoreIamClientOptions.ApiKeyEnvironmentVariable} is set but empty or blank (a secret that did not load?). Set it to the key, or unset it.");
        }

        return null;
    }

    /// <summary>One attempt's limit, and the whole call's: the attempts and the waits between them.</summary>
    private static void ApplyTimeout(GcoreIamClientOptions options, SessionSettings settings)
    {
        if (settings.Timeout is { } attempt)
        {
            options.AttemptTimeout = attempt;
            options.Timeout = (attempt * (settings.Retries + 1)) + TimeSpan.FromMinutes(1);
        }
    }

    /// <summary>
    /// The base URL, checked with the tool's words: absolute http(s), and plain http only to this
    /// machine or with --allow-insecure-http (the key would travel unencrypted).
    /// </summary>
    private static Uri BaseUrlOf(string text, bool allowInsecureHttp)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new GcoreIamConfigurationException($"The base URL is not an absolute http(s) URL: '{text}'. Give one such as https://api.gcore.com (--base-url or {GcoreIamClientOptions.BaseUrlEnvironmentVariable}).");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !allowInsecureHttp)
        {
            var where = IPAddress.TryParse(uri.Host, out _) ? "the address " + uri.Host : uri.Host;
            throw new GcoreIamConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"Refusing to send the credentials over plain HTTP to {where}. Use https, or pass --allow-insecure-http if the network to it is trusted (a private network, a local proxy)."));
        }

        return uri;
    }
}
