namespace Gcore.Iam.Http;

/// <summary>
/// The current API key, read by every request so that a key can be rotated in place. The
/// <c>Authorization</c> value and the key's check (<see cref="GcoreIamClientOptions.ApiKeyProblem"/>)
/// are worked out once per key change, not per request.
/// </summary>
internal sealed class ApiKeyHolder
{
    private readonly string? _clientName;
    private volatile State _state = null!;

    /// <param name="apiKey">The key configured first.</param>
    /// <param name="clientName">The name given to <c>AddGcoreIam</c>, for the messages; null for the unnamed registration and a standalone client.</param>
    public ApiKeyHolder(string? apiKey, string? clientName)
    {
        _clientName = clientName;
        Update(apiKey);
    }

    /// <summary>The key, its header value, and why it cannot be sent (null when it can).</summary>
    public State Snapshot => _state;

    public void Update(string? apiKey)
    {
        Redaction.Remember(apiKey);
        _state = GcoreIamClientOptions.ApiKeyProblem(apiKey, _clientName) is { } problem
            ? new State(apiKey, null, problem)
            : new State(apiKey, "APIKey " + apiKey, null);
    }

    internal sealed record State(string? Key, string? Header, string? Problem);
}
