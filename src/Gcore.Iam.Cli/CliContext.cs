using Gcore.Iam.Testing;

namespace Gcore.Iam.Cli;

/// <summary>Where the tool reads its settings and writes its output: the real console, or a test's.</summary>
/// <param name="Out">Data only (the command's result).</param>
/// <param name="Error">Messages, progress and errors.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
/// <param name="In">Where secrets are read from (passwords, never command-line arguments); null for none.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> GetEnvironmentVariable, TextReader? In = null)
{
    /// <summary>The environment variable the tool reads a login's username from.</summary>
    public const string UsernameEnvironmentVariable = "GCORE_USERNAME";

    /// <summary>The environment variable the tool reads a login's password from.</summary>
    public const string PasswordEnvironmentVariable = "GCORE_PASSWORD";

    public static CliContext FromConsole() => new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.In);
}

/// <summary>How the tool logs in instead of using an API key: a username and password (and an optional one-time password and account).</summary>
internal sealed record CliLogin(string Username, string Password, string? OneTimePassword, int? AccountId)
{
    public override string ToString() => "CliLogin { (redacted) }";
}

/// <summary>
/// One command's connection to Gcore: a client for the configured key and base URL, or, with no
/// key, for a fake server started for this run. Disposing it stops the fake.
/// </summary>
internal sealed class GcoreSession : IAsyncDisposable
{
    private readonly GcoreIamFakeServer? _fake;

    private GcoreSession(GcoreIamClient client, GcoreIamFakeServer? fake, string secret, bool usesLogin)
    {
        Client = client;
        _fake = fake;
        Secret = secret;
        UsesLogin = usesLogin;
    }

    public GcoreIamClient Client { get; }

    /// <summary>The key or password in use, kept only to redact it from anything printed.</summary>
    public string Secret { get; }

    /// <summary>Whether the session logs in with a username and password (JWT) instead of an API key.</summary>
    public bool UsesLogin { get; }

    public bool IsFake => _fake is not null;

    public static GcoreSession Open(string? apiKeyOption, string? baseUrlOption, int retries, CliLogin? login, CliContext context, HttpMessageHandler? transport = null)
    {
        var apiKey = Pick(apiKeyOption, context.GetEnvironmentVariable(GcoreIamClientOptions.ApiKeyEnvironmentVariable));
        var baseUrlText = Pick(baseUrlOption, context.GetEnvironmentVariable(GcoreIamClientOptions.BaseUrlEnvironmentVariable));
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

            var fake = GcoreIamFakeServer.Start();
            context.Error.WriteLine(
                $"gcore-iam: no API key (--api-key or {GcoreIamClientOptions.ApiKeyEnvironmentVariable}), so using the built-in fake Gcore IAM server with sample data at {fake.BaseUrl} (offline; changes last for this command only).");
            var fakeClient = transport is null
                ? fake.CreateClient(o => o.MaxRetries = retries)
                : new GcoreIamClient(new GcoreIamClientOptions { ApiKey = fake.ApiKey, BaseUrl = fake.BaseUrl, MaxRetries = retries }, transport);
            return new GcoreSession(fakeClient, fake, fake.ApiKey, usesLogin: false);
        }

        var options = new GcoreIamClientOptions { ApiKey = apiKey, MaxRetries = retries };
        if (login is not null)
        {
            (options.Username, options.Password, options.OneTimePassword, options.AccountId) = (login.Username, login.Password, login.OneTimePassword, login.AccountId);
        }

        if (baseUrlText is not null)
        {
            options.BaseUrl = Uri.TryCreate(baseUrlText.Trim(), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? uri
                : throw new GcoreIamConfigurationException($"The base URL is not an absolute http(s) URL: '{baseUrlText.Trim()}'.");
        }

        var client = transport is null ? new GcoreIamClient(options) : new GcoreIamClient(options, transport);
        return new GcoreSession(client, null, apiKey ?? login!.Password, login is not null);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_fake is not null)
        {
            await _fake.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string? Pick(string? option, string? environment) =>
        !string.IsNullOrEmpty(option) ? option : !string.IsNullOrEmpty(environment) ? environment : null;
}
