using Gcore.Iam;
using Gcore.Iam.Auth;
using Gcore.Iam.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Gcore IAM client with dependency injection.</summary>
public static class GcoreIamServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GcoreIamClient"/> and its parts (<see cref="IUsersClient"/>,
    /// <see cref="IApiTokensClient"/>, <see cref="IAccountClient"/>) on an IHttpClientFactory client
    /// named <see cref="GcoreIamClient.HttpClientName"/>. Options start from <c>GCORE_API_KEY</c> and
    /// <c>GCORE_BASE_URL</c>; <paramref name="configure"/> runs after them.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (key, base URL, timeout).</param>
    /// <returns>The HttpClient builder, to add handlers or change the primary handler.</returns>
    public static IHttpClientBuilder AddGcoreIam(this IServiceCollection services, Action<GcoreIamClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = AddOptions(services);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return AddClient(services);
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
        AddOptions(services).Bind(configuration);
        return AddClient(services);
    }

    private static OptionsBuilder<GcoreIamClientOptions> AddOptions(IServiceCollection services) =>
        services.AddOptions<GcoreIamClientOptions>()
            .Configure(o => o.ApplyEnvironment());

    private static IHttpClientBuilder AddClient(IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var monitor = sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>();
            return new ClientCallContext(() => monitor.CurrentValue, LoggerOf(sp));
        });
        services.TryAddSingleton(sp =>
        {
            var monitor = sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>();
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var context = sp.GetRequiredService<ClientCallContext>();
            var credentials = new GcoreIamCredentials(monitor.CurrentValue, () => new GeneratedJwtCalls(factory.CreateClient(GcoreIamClient.HttpClientName), context));
            monitor.OnChange(credentials.Apply);
            return credentials;
        });
        services.TryAddTransient(sp => new GcoreIamClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(GcoreIamClient.HttpClientName),
            sp.GetRequiredService<GcoreIamCredentials>(),
            sp.GetRequiredService<ClientCallContext>()));
        foreach (var area in GcoreIamClient.Areas)
        {
            services.TryAdd(ServiceDescriptor.Transient(area.PropertyType, sp => area.GetValue(sp.GetRequiredService<GcoreIamClient>())!));
        }

        var builder = services.AddHttpClient(GcoreIamClient.HttpClientName)
            .ConfigureHttpClient((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>().CurrentValue;
                options.Validate();
                http.BaseAddress = options.NormalizedBaseAddress();
                http.Timeout = Timeout.InfiniteTimeSpan; // the library's handlers own the timeouts
            })
            .ConfigurePrimaryHttpMessageHandler(GcoreIamClient.CreateTransport)
            .RedactLoggedHeaders(_ => true);
        foreach (var addLayer in GcoreIamPipeline.InOrder<Action>(
            () => builder.AddHttpMessageHandler(sp => new GcoreIamCredentialHandler(sp.GetRequiredService<GcoreIamCredentials>())),
#if NET
            () => builder.AddResilienceHandler("Gcore.Iam", (pipeline, context) =>
            {
                context.EnableReloads<GcoreIamClientOptions>();
                var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>().CurrentValue;
                GcoreIamResilience.Configure(pipeline, options, LoggerOf(context.ServiceProvider));
            }),
#else
            // No Polly HttpClient integration for netstandard2.0 / .NET Framework: the standalone client's loop.
            () => builder.AddHttpMessageHandler(sp => new GcoreIamRetryHandler(
                sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>().CurrentValue, LoggerOf(sp))),
#endif
            () => builder.AddHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<GcoreIamClientOptions>>().CurrentValue;
                return new GcoreIamRequestHandler(sp.GetRequiredService<GcoreIamCredentials>(), options.AllowInsecureHttp);
            })))
        {
            addLayer();
        }

        return builder;
    }

    private static ILogger LoggerOf(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(Log.Category);
}
