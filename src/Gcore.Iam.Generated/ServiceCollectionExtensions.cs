using Gcore.Iam;
using Gcore.Iam.DependencyInjection;
using Gcore.Iam.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Gcore IAM client with dependency injection: one unnamed client, and any number of named ones.</summary>
public static class GcoreIamServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GcoreIamClient"/> and its parts (<see cref="IUsersClient"/>,
    /// <see cref="IApiTokensClient"/>, <see cref="IAccountClient"/>, ...) on an IHttpClientFactory client
    /// named <see cref="GcoreIamClient.HttpClientName"/>, and <see cref="IGcoreIamClientFactory"/>. Options start
    /// from <c>GCORE_API_KEY</c> and <c>GCORE_BASE_URL</c>; <paramref name="configure"/> runs after them. The
    /// options are validated when the host starts (a missing key, a key together with a username, ...).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (key, base URL, timeout).</param>
    /// <returns>The HttpClient builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddGcoreIam(this IServiceCollection services, Action<GcoreIamClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Register(services, Options.Options.DefaultName, options =>
        {
            if (configure is not null)
            {
                options.Configure(configure);
            }
        });
    }

    /// <summary>
    /// Registers the client as <see cref="AddGcoreIam(IServiceCollection, Action{GcoreIamClientOptions}?)"/>
    /// does, binding the options from <paramref name="configuration"/> (for example the section
    /// <c>Gcore:Iam</c> with <c>ApiKey</c>, <c>BaseUrl</c>, <c>Timeout</c>). A changed key in a
    /// reloading configuration applies to the next request.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The HttpClient builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddGcoreIam(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, Options.Options.DefaultName, options => options.Bind(configuration));
    }

    /// <summary>
    /// Registers a named client, for an application that works with several Gcore accounts: its own
    /// options (<c>IOptionsMonitor&lt;GcoreIamClientOptions&gt;.Get(name)</c>), credential (an API key, or a
    /// username and password with its own JWT session) and IHttpClientFactory client (<c>Gcore.Iam:&lt;name&gt;</c>).
    /// Resolve it as keyed services (<c>[FromKeyedServices("reseller")] IUsersClient</c>, or
    /// <see cref="GcoreIamClient"/> and every area with that key) or through
    /// <see cref="IGcoreIamClientFactory.CreateClient"/>. The environment (<c>GCORE_API_KEY</c>,
    /// <c>GCORE_BASE_URL</c>) does not apply to a named client: two accounts cannot share one key, so each
    /// name is configured only by <paramref name="configure"/>. The options are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name (not empty), also the key of its keyed services.</param>
    /// <param name="configure">Sets the options (key or username and password, base URL, timeout).</param>
    /// <returns>The HttpClient builder of this name, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddGcoreIam(this IServiceCollection services, string name, Action<GcoreIamClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, Named(name), options => options.Configure(configure));
    }

    /// <summary>
    /// Registers a named client as <see cref="AddGcoreIam(IServiceCollection, string, Action{GcoreIamClientOptions})"/>
    /// does, binding its options from <paramref name="configuration"/> (for example the section
    /// <c>Gcore:Iam:Accounts:reseller</c>). A changed key in a reloading configuration applies to the next
    /// request of this name only. The environment does not apply.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client's name (not empty), also the key of its keyed services.</param>
    /// <param name="configuration">The configuration section holding this client's options.</param>
    /// <returns>The HttpClient builder of this name, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddGcoreIam(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, Named(name), options => options.Bind(configuration));
    }

    /// <summary>
    /// The one registration, for the unnamed client (<paramref name="name"/> <c>""</c>: its services
    /// without a key, its options from the environment first) and for each named one (keyed services).
    /// A name registered again only gets the further options.
    /// </summary>
    private static IHttpClientBuilder Register(IServiceCollection services, string name, Action<OptionsBuilder<GcoreIamClientOptions>> configure)
    {
        var registration = new GcoreIamRegistration(name);
        var options = services.AddOptions<GcoreIamClientOptions>(name);
        if (services.Any(d => d.ServiceType == typeof(GcoreIamRegistration) && !d.IsKeyedService && Equals(d.ImplementationInstance, registration)))
        {
            configure(options);
            return services.AddHttpClient(registration.HttpClientName);
        }

        if (registration.IsUnnamed)
        {
            options.Configure(o => o.ApplyEnvironment());
        }

        configure(options);
        services.AddSingleton(registration);
        services.AddSingleton<IValidateOptions<GcoreIamClientOptions>>(new GcoreIamOptionsValidator(registration));
        options.ValidateOnStart();

        services.TryAddSingleton(sp => new GcoreIamClientFactory(
            sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetServices<GcoreIamRegistration>(),
            LoggerOf(sp)));
        services.TryAddSingleton<IGcoreIamClientFactory>(sp => sp.GetRequiredService<GcoreIamClientFactory>());

        // With a null key (the unnamed registration) these descriptors are ordinary, not keyed, services.
        var key = registration.ServiceKey;
        services.TryAdd(new ServiceDescriptor(typeof(GcoreIamClient), key, (sp, _) => sp.GetRequiredService<GcoreIamClientFactory>().CreateClient(name), ServiceLifetime.Transient));
        foreach (var area in GcoreIamClient.Areas)
        {
            services.TryAdd(new ServiceDescriptor(area.PropertyType, key, (sp, _) => area.GetValue(ClientOf(sp, key))!, ServiceLifetime.Transient));
        }

        var builder = services.AddHttpClient(registration.HttpClientName)
            .ConfigureHttpClient((sp, http) =>
            {
                // Validated when read (GcoreIamOptionsValidator).
                var current = sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>().Get(name);
                http.BaseAddress = current.NormalizedBaseAddress();
                http.Timeout = Timeout.InfiniteTimeSpan; // the library's handlers own the timeouts
            })
            .ConfigurePrimaryHttpMessageHandler(GcoreIamClient.CreateTransport)
            .RedactLoggedHeaders(_ => true);
        foreach (var addLayer in GcoreIamPipeline.InOrder<Action>(
            () => builder.AddHttpMessageHandler(sp => new GcoreIamCredentialHandler(CredentialsOf(sp, name))),
#if NET
            () => builder.AddResilienceHandler("Gcore.Iam", (pipeline, context) =>
            {
                context.EnableReloads<GcoreIamClientOptions>(name);
                var current = context.ServiceProvider.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>().Get(name);
                GcoreIamResilience.Configure(pipeline, current, LoggerOf(context.ServiceProvider));
            }),
#else
            // No Polly HttpClient integration for netstandard2.0 / .NET Framework: the standalone client's loop.
            () => builder.AddHttpMessageHandler(sp => new GcoreIamRetryHandler(
                sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>().Get(name), LoggerOf(sp))),
#endif
            () => builder.AddHttpMessageHandler(sp =>
            {
                var current = sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>().Get(name);
                return new GcoreIamRequestHandler(CredentialsOf(sp, name), current.AllowInsecureHttp);
            })))
        {
            addLayer();
        }

        return builder;
    }

    private static string Named(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return string.IsNullOrWhiteSpace(name)
            ? throw new ArgumentException("A Gcore IAM client's name must not be empty or blank; AddGcoreIam without a name registers the unnamed client.", nameof(name))
            : name;
    }

    /// <summary>The registration's client as the container resolves it (so that a replaced <see cref="GcoreIamClient"/> serves its areas too).</summary>
    private static GcoreIamClient ClientOf(IServiceProvider services, object? key) =>
        key is null ? services.GetRequiredService<GcoreIamClient>() : services.GetRequiredKeyedService<GcoreIamClient>(key);

    private static GcoreIamCredentials CredentialsOf(IServiceProvider services, string name) =>
        services.GetRequiredService<GcoreIamClientFactory>().Of(name).Credentials;

    private static ILogger LoggerOf(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(Log.Category);
}
