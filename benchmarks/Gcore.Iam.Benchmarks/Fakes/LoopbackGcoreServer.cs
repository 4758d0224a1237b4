using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Benchmarks.Fakes;

/// <summary>
/// Kestrel on 127.0.0.1 (a free port) serving the same canned bytes as <see cref="FakeGcoreHandler"/>,
/// for one end-to-end run through real sockets. Loopback only.
/// </summary>
public sealed class LoopbackGcoreServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackGcoreServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<LoopbackGcoreServer> StartAsync(byte[] firstPage, byte[] user)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/iam/users", (HttpContext ctx) => Write(ctx, firstPage));
        app.MapGet("/iam/users/{id:int}", (HttpContext ctx) => Write(ctx, user));
        app.MapMethods("/iam/users/{id:int}", ["PATCH"], async (HttpContext ctx) =>
        {
            await ctx.Request.Body.CopyToAsync(Stream.Null).ConfigureAwait(false);
            await Write(ctx, user).ConfigureAwait(false);
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LoopbackGcoreServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static Task Write(HttpContext ctx, byte[] body)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        ctx.Response.Headers["X-Request-ID"] = "6b1c2f0e9d8a4b7c8e1f2a3b4c5d6e7f";
        return ctx.Response.Body.WriteAsync(body, 0, body.Length);
    }
}
