namespace Gcore.Iam;

/// <summary>
/// Makes the clients registered with <c>AddGcoreIam</c>, by name (in the style of Azure's
/// <c>IAzureClientFactory&lt;TClient&gt;</c>): for an application that works with several Gcore accounts
/// and picks one at run time. Registered by every <c>AddGcoreIam</c> call.
/// </summary>
/// <example>
/// <code>
/// services.AddGcoreIam("reseller", o => o.ApiKey = resellerKey);
/// services.AddGcoreIam("customer", o => o.ApiKey = customerKey);
/// // later:
/// var reseller = provider.GetRequiredService&lt;IGcoreIamClientFactory&gt;().CreateClient("reseller");
/// await reseller.Users.ListUsersAsync(10);
/// </code>
/// </example>
public interface IGcoreIamClientFactory
{
    /// <summary>
    /// A client of the registration named <paramref name="name"/>: its options, its credential (one API
    /// key, or one JWT session shared by every client of that name) and its IHttpClientFactory client.
    /// <c>""</c> (<c>Microsoft.Extensions.Options.Options.DefaultName</c>) is the unnamed registration,
    /// <c>AddGcoreIam(options)</c>. Like a client resolved from the container, it need not be disposed.
    /// </summary>
    /// <param name="name">The name given to <c>AddGcoreIam</c>.</param>
    /// <returns>The client.</returns>
    /// <exception cref="InvalidOperationException">No client of that name is registered.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The registration's options are not usable (no key, say); the message says what to set.</exception>
    GcoreIamClient CreateClient(string name);
}
