namespace Gcore.Iam;

/// <summary>
/// How a <see cref="GcoreIamClient"/> reaches Gcore. <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class GcoreIamClientOptions
{
    /// <summary>Gcore's public API.</summary>
    public const string DefaultBaseUrl = "https://api.gcore.com";

    /// <summary>The environment variable Gcore's SDKs read the API key from.</summary>
    public const string ApiKeyEnvironmentVariable = "GCORE_API_KEY";

    /// <summary>The environment variable Gcore's SDKs read a base URL override from.</summary>
    public const string BaseUrlEnvironmentVariable = "GCORE_BASE_URL";

    /// <summary>The configuration section <c>AddGcoreIam(IConfiguration)</c> users usually bind: <c>Gcore:Iam</c>.</summary>
    public const string DefaultConfigurationSection = "Gcore:Iam";

    /// <summary>
    /// The permanent API token, sent as <c>Authorization: APIKey &lt;token&gt;</c>. Treated as a secret:
    /// never logged, never in a message. Required before the first request.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The API's base URL; <see cref="DefaultBaseUrl"/> unless overridden (a fake server in tests, say).</summary>
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>The longest one call may take until its answer's headers arrive. Default 120 s; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Allows sending the API key over plain <c>http://</c> to a host that is not loopback. Off by default:
    /// plain HTTP to loopback (a local fake server) is always allowed.
    /// </summary>
    public bool AllowInsecureHttp { get; set; }

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
        $"GcoreIamClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = {(string.IsNullOrEmpty(ApiKey) ? "(not set)" : "(set, redacted)")}, Timeout = {Timeout}, AllowInsecureHttp = {AllowInsecureHttp} }}";

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

    /// <summary>The base address for HttpClient: absolute, http or https, ending with '/' (the generated paths are relative).</summary>
    internal Uri NormalizedBaseAddress()
    {
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new GcoreIamConfigurationException(
                $"GcoreIamClientOptions.BaseUrl must be an absolute http or https URL, such as {DefaultBaseUrl}; it is '{BaseUrl}'.");
        }

        var text = BaseUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }
}
