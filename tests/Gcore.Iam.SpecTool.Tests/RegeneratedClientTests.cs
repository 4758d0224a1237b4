using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using Gcore.Iam.SpecTool.Import;
using Newtonsoft.Json.Linq;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Gcore.Iam.SpecTool.Tests;

/// <summary>
/// The client regenerated from the "next version" fixture: the import's output is fed to the real
/// build (NSwag with nswag.json and the templates, compiled with the handwritten layer) into a
/// temporary artifacts folder. Without an updated public API listing that build fails; with the
/// listing check off it builds, and the operations the next version leaves unchanged still behave
/// on the wire as the contract tests require (WireMock on 127.0.0.1). The regenerated assembly is
/// loaded into its own load context and called through <c>dynamic</c>, since its types are not
/// known when this project compiles.
/// </summary>
[TestFixture]
[NonParallelizable]
public class RegeneratedClientTests
{
    private const string ApiKey = "4242_TestKeyDoNotLeak0123456789abcdef";

    private string _dir = null!;
    private (int ExitCode, string Output) _strictBuild;
    private Assembly _client = null!;
    private WireMockServer _server = null!;

    [OneTimeSetUp]
    public void BuildTheClientFromTheNextVersion()
    {
        _dir = Repo.TempDir("regenerated");
        var spec = Path.Combine(_dir, "openapi", Importer.SpecFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(spec)!);
        File.WriteAllText(spec, Repo.Run(Repo.Next()).SpecYaml);

        var project = Path.Combine(Repo.Root, "src", "Gcore.Iam.Generated", "Gcore.Iam.Generated.csproj");
        string[] common = ["build", project, "-f", "net10.0", "-nologo", "-v:q", "-p:GcoreIamSpecFile=" + spec];
        _strictBuild = Dotnet([.. common, "--artifacts-path", Path.Combine(_dir, "strict")]);
        var build = Dotnet([.. common, "--artifacts-path", Path.Combine(_dir, "lenient"), "-p:RunAnalyzers=false"]);
        Assert.That(build.ExitCode, Is.Zero, build.Output);

        var dll = Directory.GetFiles(Path.Combine(_dir, "lenient", "bin"), "Gcore.Iam.Generated.dll", SearchOption.AllDirectories).Single();
        _client = new AssemblyLoadContext("regenerated-client", isCollectible: true).LoadFromAssemblyPath(dll);

        _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], Logger = new WireMockNullLogger() });
    }

    [OneTimeTearDown]
    public void CleanUp()
    {
        _server?.Dispose();
        if (_dir is not null && Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [SetUp]
    public void ResetServer() => _server.Reset();

    [Test]
    public void The_build_fails_while_the_public_api_listing_is_not_updated()
    {
        Assert.Multiple(() =>
        {
            Assert.That(_strictBuild.ExitCode, Is.Not.Zero);
            Assert.That(_strictBuild.Output, Does.Contain("RS0016").And.Contain("Gcore.Iam.AccountOverview.Timezone"));
            Assert.That(_strictBuild.Output, Does.Contain("RS0017").And.Contain("Gcore.Iam.AccountOverview.SignupProcess"));
        });
    }

    [Test]
    public void The_regenerated_client_has_the_next_versions_shape()
    {
        var overview = Type("AccountOverview");
        var known = ((System.Collections.IEnumerable)Type("Capability").GetProperty("KnownValues")!.GetValue(null)!).Cast<object>().Select(v => v.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(overview.GetProperty("Timezone")?.PropertyType, Is.EqualTo(typeof(string)));
            Assert.That(overview.GetProperty("CurrentUser")?.PropertyType, Is.EqualTo(typeof(string)));
            Assert.That(overview.GetProperty("SignupProcess"), Is.Null);
            Assert.That(known, Does.Contain("FASTEDGE"));
        });
    }

    [Test]
    public async Task GetUser_is_unchanged_on_the_wire()
    {
        _server.Given(Request.Create().WithPath("/iam/users/101").UsingGet())
            .RespondWith(Json(File.ReadAllText(Repo.Fixture("user.json"))));
        using var client = NewClient();

        dynamic user = await client.Users.GetUserAsync(101);

        var request = _server.LogEntries.Single().RequestMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.Headers!["Authorization"], Is.EqualTo(new[] { "APIKey " + ApiKey }));
            Assert.That((int)user.Id, Is.EqualTo(101));
            Assert.That((string)user.Email, Is.EqualTo("anna.schmidt@example.com"));
            Assert.That((long?)user.Client, Is.EqualTo(200001L));
            Assert.That((string)user.Lang.Value, Is.EqualTo("de"));
            Assert.That((bool?)user.TwoFa, Is.True);
            Assert.That((string)user.ClientAndRoles[0].UserRoles[0], Is.EqualTo("1"));
        });
    }

    [Test]
    public async Task ListUsers_sends_limit_and_offset_and_reads_both_shapes()
    {
        var user = File.ReadAllText(Repo.Fixture("user.json"));
        _server.Given(Request.Create().WithPath("/iam/users").WithParam("offset", "0").UsingGet())
            .RespondWith(Json($$"""{"count": 2, "next": null, "previous": null, "results": [{{user}}]}"""));
        _server.Given(Request.Create().WithPath("/iam/users").WithParam("offset", "1").UsingGet())
            .RespondWith(Json($"[{user}]"));
        using var client = NewClient();

        dynamic page = await client.Users.ListUsersAsync(1, 0);
        dynamic bare = await client.Users.ListUsersAsync(1, 1);

        Assert.Multiple(() =>
        {
            Assert.That(_server.LogEntries.Select(e => e.RequestMessage!.Url), Has.All.Contains("limit=1"));
            Assert.That((int)page.Count, Is.EqualTo(2));
            Assert.That((bool)page.IsUnpaged, Is.False);
            Assert.That((int)page.Results[0].Id, Is.EqualTo(101));
            Assert.That((bool)bare.IsUnpaged, Is.True);
            Assert.That((int)bare.Results.Count, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task UpdateUser_and_InviteUser_send_the_same_bodies()
    {
        _server.Given(Request.Create().WithPath("/iam/users/101").UsingPatch())
            .RespondWith(Json(File.ReadAllText(Repo.Fixture("user.json"))));
        _server.Given(Request.Create().WithPath("/iam/clients/invite_user").UsingPost())
            .RespondWith(Json("""{"status": "sent", "user_id": 7}"""));
        using var client = NewClient();

        dynamic update = Activator.CreateInstance(Type("UserUpdate"))!;
        update.Lang = (dynamic)Activator.CreateInstance(Type("UserLanguage"), "en")!;
        update.Phone = null;
        await client.Users.UpdateUserAsync(101, update);

        dynamic invite = Activator.CreateInstance(Type("UserInvite"))!;
        invite.ClientId = 200001;
        invite.Email = "new.user@example.com";
        dynamic role = Activator.CreateInstance(Type("UserGroup"))!;
        role.Id = 2;
        invite.UserRole = role;
        dynamic result = await client.Users.InviteUserAsync(invite);

        var bodies = _server.LogEntries.Select(e => JToken.Parse(e.RequestMessage!.Body!)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(JToken.DeepEquals(bodies[0], JObject.Parse("""{"lang":"en","phone":null}""")), Is.True, bodies[0].ToString());
            Assert.That(JToken.DeepEquals(bodies[1], JObject.Parse("""{"client_id":200001,"email":"new.user@example.com","user_role":{"id":2}}""")), Is.True, bodies[1].ToString());
            Assert.That((int)result.UserId, Is.EqualTo(7));
        });
    }

    [Test]
    public async Task RevokeAccess_and_the_api_token_operations_are_unchanged_on_the_wire()
    {
        const string token = """{"id": 9, "name": "ci", "exp_date": null, "created": "2026-11-01T10:00:00Z", "client_user": {"client_id": 200001, "user_id": 101, "role": {"id": 2, "name": "Users"}}}""";
        _server.Given(Request.Create().WithPath("/iam/clients/200001/client-users/101").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(204));
        _server.Given(Request.Create().WithPath("/iam/v2/clients/200001/tokens").UsingGet())
            .RespondWith(Json($"[{token}]"));
        _server.Given(Request.Create().WithPath("/iam/v2/clients/200001/tokens/9").UsingGet())
            .RespondWith(Json(token));
        _server.Given(Request.Create().WithPath("/iam/v2/clients/200001/tokens/9").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(204));
        using var client = NewClient();

        await client.Users.RevokeAccessAsync(200001, 101);
        dynamic tokens = await client.ApiTokens.ListApiTokensAsync(200001, issuedBy: 101);
        dynamic one = await client.ApiTokens.GetApiTokenAsync(200001, 9);
        await client.ApiTokens.DeleteApiTokenAsync(200001, 9);

        var requests = _server.LogEntries.Select(e => $"{e.RequestMessage!.Method} {e.RequestMessage.Url[_server.Url!.Length..]}").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(requests, Is.EqualTo(new[]
            {
                "DELETE /iam/clients/200001/client-users/101",
                "GET /iam/v2/clients/200001/tokens?issued_by=101",
                "GET /iam/v2/clients/200001/tokens/9",
                "DELETE /iam/v2/clients/200001/tokens/9",
            }));
            Assert.That((int)tokens.Count, Is.EqualTo(1));
            Assert.That((string?)one.ExpDate, Is.Null);
            Assert.That((int)one.ClientUser.Role.Id, Is.EqualTo(2));
        });
    }

    private Type Type(string name) => _client.GetType("Gcore.Iam." + name, throwOnError: true)!;

    private dynamic NewClient()
    {
        dynamic options = Activator.CreateInstance(Type("GcoreIamClientOptions"))!;
        options.ApiKey = ApiKey;
        options.BaseUrl = new Uri(_server.Url!);
        return Activator.CreateInstance(Type("GcoreIamClient"), (object)options)!;
    }

    private static IResponseBuilder Json(string body) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body);

    private static (int ExitCode, string Output) Dotnet(string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Repo.Root };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test host runs under `dotnet test`; its MSBuild settings must not leak into this build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "dotnet build did not finish in 5 minutes");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
