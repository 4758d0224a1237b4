using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Cli.Tests.Answers;

/// <summary>
/// A server on loopback that answers every operation of the spec with the answer a test scripted for
/// it (the spec's success status, the body as given), whatever the request: to read answers the
/// fake's state would never produce. It records which operations were called, and with which
/// <c>Authorization</c> scheme.
/// </summary>
internal sealed class ScriptedGcore : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(SpecOperation Operation, Regex Path)> _routes;
    private readonly List<string> _seen = [];
    private IReadOnlyDictionary<string, string?> _answers = new Dictionary<string, string?>();

    private ScriptedGcore(WebApplication app, IEnumerable<SpecOperation> operations)
    {
        _app = app;
        _routes = operations.Select(o => (o, new Regex("^" + Regex.Replace(o.Path, @"\{[^}]+\}", "[^/]+") + "$", RegexOptions.CultureInvariant))).ToList();
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The operations called since the last <see cref="Answer"/>, as <c>Users_GetUser APIKey</c>.</summary>
    public IReadOnlyList<string> Seen
    {
        get
        {
            lock (_seen)
            {
                return _seen.ToArray();
            }
        }
    }

    public static async Task<ScriptedGcore> StartAsync(IEnumerable<SpecOperation> operations)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ScriptedGcore(app, operations);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>From now on, each operation answers its body here (by operation id; null or absent: no body).</summary>
    public void Answer(IReadOnlyDictionary<string, string?> answers)
    {
        _answers = answers;
        lock (_seen)
        {
            _seen.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var route = _routes.FirstOrDefault(r => r.Operation.Method == context.Request.Method && r.Path.IsMatch(context.Request.Path.Value ?? ""));
        if (route.Operation is not { } operation)
        {
            context.Response.StatusCode = 404;
            return;
        }

        string? authorization = context.Request.Headers.Authorization;
        lock (_seen)
        {
            _seen.Add(operation.Id + " " + (authorization?.Split(' ')[0] ?? "none"));
        }

        context.Response.StatusCode = operation.Status;
        if (_answers.GetValueOrDefault(operation.Id) is { } body && operation.Status != 204)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
        }
    }
}
