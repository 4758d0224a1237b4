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
/// Kestrel on 127.0.0.1 (a free port) serving the same bytes as <see cref="FakeGcoreHandler"/>
/// (canned, or each page built when asked), for end-to-end runs through real sockets. Loopback only.
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

    public static Task<LoopbackGcoreServer> StartAsync(byte[] firstPage, byte[] user) => StartAsync((_, _) => firstPage, user);

    /// <summary>A server that builds each page of <paramref name="total"/> users when asked and keeps none.</summary>
    public static Task<LoopbackGcoreServer> StartOnDemandAsync(int total) =>
        StartAsync((offset, limit) => UserJson.Page(offset, limit, total), UserJson.User(4242));

    private static async Task<LoopbackGcoreServer> StartAsync(Func<int, int, byte[]> page, byte[] user)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/iam/users", (HttpContext ctx) => Write(ctx, page(Query(ctx, "offset", 0), Query(ctx, "limit", int.MaxValue))));
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

    private static int Query(HttpContext ctx, string name, int fallback) =>
        int.TryParse(ctx.Request.Query[name], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static Task Write(HttpContext ctx, byte[] body)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        ctx.Response.Headers["X-Request-ID"] = "6b1c2f0e9d8a4b7c8e1f2a3b4c5d6e7f";
        return ctx.Response.Body.WriteAsync(body, 0, body.Length);
    }
}
