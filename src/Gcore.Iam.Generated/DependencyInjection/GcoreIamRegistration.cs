namespace Gcore.Iam.DependencyInjection;

/// <summary>
/// One name registered by <c>AddGcoreIam</c> (<c>""</c> for the unnamed registration): the name of its
/// options (<c>IOptionsMonitor.Get(name)</c>), of its IHttpClientFactory client, and the key of its
/// keyed services (none for the unnamed registration, whose services are registered without a key).
/// </summary>
internal sealed record GcoreIamRegistration(string Name)
{
    /// <summary>Whether this is the unnamed registration, <c>AddGcoreIam(options)</c>.</summary>
    public bool IsUnnamed => Name.Length == 0;

    /// <summary><see cref="GcoreIamClient.HttpClientName"/> for the unnamed registration, <c>Gcore.Iam:&lt;name&gt;</c> for a named one.</summary>
    public string HttpClientName => IsUnnamed ? GcoreIamClient.HttpClientName : GcoreIamClient.HttpClientName + ":" + Name;

    /// <summary>The key of the registration's services: null (not keyed) for the unnamed one.</summary>
    public object? ServiceKey => IsUnnamed ? null : Name;

    /// <summary>The name as messages give it: null for the unnamed registration.</summary>
    public string? ClientName => IsUnnamed ? null : Name;
}
