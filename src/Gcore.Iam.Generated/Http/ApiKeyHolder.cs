namespace Gcore.Iam.Http;

/// <summary>The current API key, read by every request so that a key can be rotated in place.</summary>
internal sealed class ApiKeyHolder
{
    private volatile string? _apiKey;

    public ApiKeyHolder(string? apiKey) => Update(apiKey);

    public string? Current => _apiKey;

    public void Update(string? apiKey)
    {
        KnownSecrets.Add(apiKey);
        _apiKey = apiKey;
    }
}
