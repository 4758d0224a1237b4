using Gcore.Iam.Testing;

namespace Gcore.Iam.Cli;

/// <summary>Where the tool reads its settings and writes its output: the real console, or a test's.</summary>
/// <param name="Out">Data only (the command's result).</param>
/// <param name="Error">Messages, progress and errors.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> GetEnvironmentVariable)
{
    public static CliContext FromConsole() => new(Console.Out, Console.Error, Environment.GetEnvironmentVariable);
}

/// <summary>
/// One command's connection to Gcore: a client for the configured key and base URL, or, with no
/// key, for a fake server started for this run. Disposing it stops the fake.
/// </summary>
internal sealed class GcoreSession : IAsyncDisposable
{
    private readonly GcoreIamFakeServer? _fake;

    private GcoreSession(GcoreIamClient client, GcoreIamFakeServer? fake, string apiKey)
    {
        Client = client;
        _fake = fake;
        ApiKey = apiKey;
    }

    public GcoreIamClient Client { get; }

    /// <summary>The key in use, kept only to redact it from anything printed.</summary>
    public string ApiKey { get; }

    public bool IsFake => _fake is not null;

    public static GcoreSession Open(string? apiKeyOption, string? baseUrlOption, int retries, CliContext context)
    {
        var apiKey = Pick(apiKeyOption, context.GetEnvironmentVariable(GcoreIamClientOptions.ApiKeyEnvironmentVariable));
        var baseUrlText = Pick(baseUrlOption, context.GetEnvironmentVariable(GcoreIamClientOptions.BaseUrlEnvironmentVariable));
        if (apiKey is null)
        {
            if (baseUrlText is not null)
            {
                throw new GcoreIamConfigurationException(
                    $"A base URL was given ({baseUrlText.Trim()}) but no API key: pass --api-key or set {GcoreIamClientOptions.ApiKeyEnvironmentVariable}.");
            }

            var fake = GcoreIamFakeServer.Start();
            context.Error.WriteLine(
                $"gcore-iam: no API key (--api-key or {GcoreIamClientOptions.ApiKeyEnvironmentVariable}), so using the built-in fake Gcore IAM server with sample data at {fake.BaseUrl} (offline; changes last for this command only).");
            return new GcoreSession(fake.CreateClient(o => o.MaxRetries = retries), fake, fake.ApiKey);
        }

        var options = new GcoreIamClientOptions { ApiKey = apiKey, MaxRetries = retries };
        if (baseUrlText is not null)
        {
            options.BaseUrl = Uri.TryCreate(baseUrlText.Trim(), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                ? uri
                : throw new GcoreIamConfigurationException($"The base URL is not an absolute http(s) URL: '{baseUrlText.Trim()}'.");
        }

        return new GcoreSession(new GcoreIamClient(options), null, apiKey);
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
