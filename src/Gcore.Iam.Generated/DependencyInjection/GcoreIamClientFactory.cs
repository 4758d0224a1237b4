using System.Collections.Concurrent;
using Gcore.Iam.Auth;
using Gcore.Iam.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gcore.Iam.DependencyInjection;

/// <summary>
/// The clients of a container, one registration per name (<c>AddGcoreIam</c>): every resolved
/// <see cref="GcoreIamClient"/> and area, keyed or not, is made here, and so are the handlers' credentials.
/// Each name gets, on first use, its own call context (its options, read at each call) and its own
/// credential (its API key or JWT session), which follows a reloaded configuration of that name only.
/// A singleton: it lives as long as the container.
/// </summary>
internal sealed class GcoreIamClientFactory(
    IOptionsMonitor<GcoreIamClientOptions> options,
    IHttpClientFactory httpClients,
    IEnumerable<GcoreIamRegistration> registrations,
    ILogger logger) : IGcoreIamClientFactory
{
    private readonly Dictionary<string, GcoreIamRegistration> _registered = registrations.ToDictionary(r => r.Name, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, NamedClient> _clients = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    public GcoreIamClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var client = Of(name);
        return new GcoreIamClient(httpClients.CreateClient(client.Registration.HttpClientName), client.Credentials, client.CallContext);
    }

    /// <summary>The shared state of the clients of <paramref name="name"/>, made on first use.</summary>
    internal NamedClient Of(string name)
    {
        if (_clients.TryGetValue(name, out var client))
        {
            return client;
        }

        // Made once under the lock (one JWT session per name); a failure (options that do not validate) is not kept, so a fixed configuration is read next time.
        lock (_gate)
        {
            if (!_clients.TryGetValue(name, out client))
            {
                client = Create(_registered.TryGetValue(name, out var registration) ? registration : throw NotRegistered(name));
                _clients[name] = client;
            }

            return client;
        }
    }

    private NamedClient Create(GcoreIamRegistration registration)
    {
        var name = registration.Name;
        var context = new ClientCallContext(() => options.Get(name), logger);
        var credentials = new GcoreIamCredentials(
            options.Get(name),
            () => new GeneratedJwtCalls(httpClients.CreateClient(registration.HttpClientName), context),
            registration.ClientName);
        // The monitor reports every name's changes: a reload of another registration's section leaves this credential alone.
        options.OnChange((changed, changedName) =>
        {
            if ((changedName ?? Options.DefaultName) == name)
            {
                credentials.Apply(changed);
            }
        });
        return new NamedClient(registration, context, credentials);
    }

    private InvalidOperationException NotRegistered(string name)
    {
        var known = _registered.Keys.Where(n => n.Length > 0).Select(n => $"'{n}'").ToList();
        var unnamed = _registered.ContainsKey(Options.DefaultName) ? "the unnamed client" : null;
        var registered = string.Join(", ", new[] { unnamed }.Where(n => n is not null).Concat(known));
        return new InvalidOperationException(name.Length == 0
            ? "No unnamed Gcore IAM client is registered: call services.AddGcoreIam(options) or services.AddGcoreIam(configuration), or ask for a named client. "
                + $"Registered: {registered}."
            : $"No Gcore IAM client named '{name}' is registered: call services.AddGcoreIam(\"{name}\", ...) first. Registered: {(registered.Length == 0 ? "none" : registered)}.");
    }

    /// <summary>What every client of one name shares.</summary>
    internal sealed record NamedClient(GcoreIamRegistration Registration, ClientCallContext CallContext, GcoreIamCredentials Credentials);
}
