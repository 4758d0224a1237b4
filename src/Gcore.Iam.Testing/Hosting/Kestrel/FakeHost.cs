using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gcore.Iam.Testing.Hosting;

/// <summary>
/// The fake's server on .NET: Kestrel alone on a free 127.0.0.1 port, every request to one handler.
/// (On .NET Standard and .NET Framework, Hosting/Sockets/ takes its place; the project file picks one.)
/// </summary>
internal sealed class FakeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHost(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The address it listens on, such as <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts listening; every request goes to <paramref name="serve"/>.</summary>
    /// <param name="serve">Handles one request.</param>
    /// <returns>The running server.</returns>
    public static FakeHost Start(Func<FakeExchange, Task> serve)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        // The test process owns Ctrl+C and SIGTERM: the fake's host must not take them over.
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        var app = builder.Build();
        app.Run(context => serve(new KestrelExchange(context)));
        try
        {
            app.StartAsync().GetAwaiter().GetResult();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                ?? throw new InvalidOperationException("Kestrel did not report the address it listens on.");
            return new FakeHost(app, new Uri(address));
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
    }

    /// <summary>Stops the server (requests still running get two seconds).</summary>
    /// <returns>A task that completes when it has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A host lifetime that does nothing: the fake starts and stops when its owner says so.</summary>
    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class KestrelExchange(HttpContext context) : FakeExchange
    {
        public override string Method => context.Request.Method;

        public override string Path => context.Request.Path.Value is { Length: > 0 } path ? path : "/";

        public override Dictionary<string, string> Query =>
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? "", StringComparer.Ordinal);

        public override IEnumerable<KeyValuePair<string, string>> Headers =>
            context.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.FirstOrDefault() ?? ""));

        public override CancellationToken Aborted => context.RequestAborted;

        public override Stream RequestBody => context.Request.Body;

        public override string? Header(string name) => context.Request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

        public override Task<Stream> StartAnswerAsync(int status, IReadOnlyList<KeyValuePair<string, string>> headers, int? contentLength)
        {
            var response = context.Response;
            response.StatusCode = status;
            foreach (var header in headers)
            {
                response.Headers[header.Key] = header.Value;
            }

            if (contentLength is { } length)
            {
                response.ContentLength = length;
            }

            return Task.FromResult(response.Body);
        }

        // A clean close sends FIN once the request is read; a reset drops the connection with RST.
        public override void CloseConnection(bool reset)
        {
            // Kestrel exposes the socket on every connection; without it FIN and RST cannot be told apart.
            var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket
                ?? throw new InvalidOperationException("The fake's server did not expose the connection's socket.");
            try
            {
                if (reset)
                {
                    socket.Close(0);
                }
                else
                {
                    socket.Shutdown(SocketShutdown.Send);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The client went away first.
            }

            context.Abort();
        }
    }
}
