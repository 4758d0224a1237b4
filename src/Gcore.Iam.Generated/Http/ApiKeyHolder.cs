namespace Gcore.Iam.Http;

/// <summary>
/// The current API key, read by every request so that a key can be rotated in place. The
/// <c>Authorization</c> value and the key's check are worked out once per key change, not per request.
/// </summary>
internal sealed class ApiKeyHolder
{
    private volatile State _state = State.Of(null);

    public ApiKeyHolder(string? apiKey) => Update(apiKey);

    /// <summary>The key, its header value, and why it cannot be sent (null when it can).</summary>
    public State Snapshot => _state;

    public void Update(string? apiKey)
    {
        Redaction.Remember(apiKey);
        _state = State.Of(apiKey);
    }

    internal sealed record State(string? Key, string? Header, string? Problem)
    {
        public static State Of(string? key)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                return new State(key, null,
                    "No Gcore API key is configured. Set GcoreIamClientOptions.ApiKey (or Username and Password), the GCORE_API_KEY environment variable, "
                    + "or the ApiKey (or Username and Password) setting of the configuration section passed to AddGcoreIam.");
            }

            return key.Any(char.IsControl)
                ? new State(key, null, "The configured Gcore API key contains control characters (a line break, say) and cannot be sent. Check how it was read.")
                : new State(key, "APIKey " + key, null);
        }
    }
}
