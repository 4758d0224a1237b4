namespace Gcore.Iam.Http;

/// <summary>The current API key, read by every request so that a key can be rotated in place.</summary>
internal sealed class ApiKeyHolder(string? apiKey)
{
    private volatile string? _apiKey = apiKey;

    public string? Current => _apiKey;

    public void Update(string? apiKey) => _apiKey = apiKey;
}
