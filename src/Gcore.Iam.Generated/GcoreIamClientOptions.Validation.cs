namespace Gcore.Iam;

/// <summary>
/// The one rule of what makes the options usable, and its messages: a standalone client checks it
/// when it is made (<see cref="Validate"/>) and checks the credential at its first call
/// (<see cref="ApiKeyProblem"/>, through <c>Http/ApiKeyHolder</c>); <c>AddGcoreIam</c> checks all of it when the
/// host starts (<c>DependencyInjection/GcoreIamOptionsValidator</c>, run by <c>ValidateOnStart</c>).
/// </summary>
public sealed partial class GcoreIamClientOptions
{
    /// <summary>Checks the settings that do not depend on the request (not the key, which may come later: <see cref="GcoreIamClient.UpdateApiKey"/>).</summary>
    internal void Validate()
    {
        if (Problem(clientName: null, requireCredential: false) is { } problem)
        {
            throw new GcoreIamConfigurationException(problem);
        }
    }

    /// <summary>The first problem of these settings, or null when there is none.</summary>
    /// <param name="clientName">The name given to <c>AddGcoreIam</c>; null for the unnamed registration and for a standalone client.</param>
    /// <param name="requireCredential">Whether a missing or unusable API key is a problem now (when the host starts) rather than at the first call.</param>
    internal string? Problem(string? clientName, bool requireCredential) =>
        Named(clientName, BaseUrlProblem()
            ?? (UsesLogin ? LoginProblem(clientName) : requireCredential ? KeyProblem(ApiKey, clientName) : null)
            ?? LimitsProblem());

    /// <summary>Why <paramref name="key"/> cannot be sent (null when it can): none is configured, or it holds control characters.</summary>
    /// <param name="key">The API key.</param>
    /// <param name="clientName">As for <see cref="Problem"/>.</param>
    internal static string? ApiKeyProblem(string? key, string? clientName) => Named(clientName, KeyProblem(key, clientName));

    /// <summary>The base address for HttpClient: absolute, http or https, ending with '/' (the generated paths are relative).</summary>
    internal Uri NormalizedBaseAddress()
    {
        if (BaseUrlProblem() is { } problem)
        {
            throw new GcoreIamConfigurationException(problem);
        }

        var text = BaseUrl.GetLeftPart(UriPartial.Path);
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    // A named client's messages say which registration they are about; the unnamed one's read as they always did.
    private static string? Named(string? clientName, string? problem) =>
        problem is null || clientName is null ? problem : $"Gcore IAM client '{clientName}': {problem}";

    private static string? KeyProblem(string? key, string? clientName)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            // GCORE_API_KEY is read for the unnamed registration only (two accounts cannot share one key).
            return clientName is null
                ? "No Gcore API key is configured. Set GcoreIamClientOptions.ApiKey (or Username and Password), the GCORE_API_KEY environment variable, "
                    + "or the ApiKey (or Username and Password) setting of the configuration section passed to AddGcoreIam."
                : $"No Gcore API key is configured. Set GcoreIamClientOptions.ApiKey (or Username and Password) in AddGcoreIam(\"{clientName}\", ...), "
                    + "or the ApiKey (or Username and Password) setting of the configuration section passed to it. "
                    + "The GCORE_API_KEY environment variable applies only to the unnamed client.";
        }

        return key.Any(char.IsControl)
            ? "The configured Gcore API key contains control characters (a line break, say) and cannot be sent. Check how it was read."
            : null;
    }

    private string? BaseUrlProblem() =>
        BaseUrl is null || !BaseUrl.IsAbsoluteUri || (BaseUrl.Scheme != Uri.UriSchemeHttps && BaseUrl.Scheme != Uri.UriSchemeHttp)
            ? $"GcoreIamClientOptions.BaseUrl must be an absolute http or https URL, such as {DefaultBaseUrl}; it is '{BaseUrl}'."
            : null;

    private string? LoginProblem(string? clientName)
    {
        if (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password))
        {
            return "A Gcore login needs both GcoreIamClientOptions.Username and Password (or the Username and Password settings of the configuration section).";
        }

        if (!string.IsNullOrEmpty(ApiKey))
        {
            return clientName is null
                ? "Both an API key and a username and password are configured: set either ApiKey (GCORE_API_KEY) or Username and Password, not both."
                : "Both an API key and a username and password are configured: set either ApiKey or Username and Password, not both.";
        }

        return AccountId is < 1 ? $"GcoreIamClientOptions.AccountId must be 1 or more; it is {AccountId}." : null;
    }

    private string? LimitsProblem()
    {
        if (MaxRetries < 0 || MaxRetries > GcoreIamRequestOptions.MaxRetriesLimit)
        {
            return $"GcoreIamClientOptions.MaxRetries must be between 0 and {GcoreIamRequestOptions.MaxRetriesLimit}; it is {MaxRetries}.";
        }

        return TimeoutProblem(nameof(Timeout), Timeout)
            ?? TimeoutProblem(nameof(AttemptTimeout), AttemptTimeout)
            ?? (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || MaxRetryAfter < TimeSpan.Zero
                ? "GcoreIamClientOptions retry delays must not be negative, and RetryMaxDelay must not be less than RetryBaseDelay."
                : null);
    }

    private static string? TimeoutProblem(string name, TimeSpan value) =>
        value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan
            ? $"GcoreIamClientOptions.{name} must be positive or Timeout.InfiniteTimeSpan; it is {value}."
            : null;
}
