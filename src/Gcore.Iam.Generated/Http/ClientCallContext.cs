using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gcore.Iam.Http;

/// <summary>
/// What every call of one client shares (<see cref="GcoreIamCall"/>): the client's options (read at
/// each call, so a reloaded configuration applies under dependency injection), its logger, and the
/// reused sources of its call timeouts. Made once per client (per registered name in a container
/// under dependency injection, <c>DependencyInjection/GcoreIamClientFactory</c>) and handed to each area.
/// </summary>
internal sealed class ClientCallContext(Func<GcoreIamClientOptions> options, ILogger logger)
{
    private static readonly GcoreIamClientOptions DefaultOptions = new();

    /// <summary>For an area client made on a caller's own HttpClient (<c>new UsersClient(httpClient)</c>): the default options, no logging.</summary>
    public static readonly ClientCallContext Default = new(static () => DefaultOptions, NullLogger.Instance);

    public GcoreIamClientOptions Options => options();

    public ILogger Logger { get; } = logger;

    public TimeoutSources CallTimeouts { get; } = new();
}
