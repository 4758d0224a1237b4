using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Gcore.Iam.Testing.Tests;

/// <summary>
/// <c>AddGcoreIam</c>'s options are validated when a generic host starts (<c>ValidateOnStart</c>),
/// with the messages a standalone client gives for the same problem at its construction or first call
/// (one rule, <c>GcoreIamClientOptions.Problem</c>); nothing reaches the server.
/// </summary>
[TestFixture]
public class StartupValidationTests
{
    private const string Username = "john.doe@example.com";

    private GcoreIamFakeServer _fake = null!;

    [SetUp]
    public void StartFake() => _fake = GcoreIamFakeServer.Start();

    [TearDown]
    public async Task StopFake() => await _fake.DisposeAsync();

    private static IHost Host(Action<IServiceCollection> register)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // The test process owns Ctrl+C and SIGTERM.
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        register(builder.Services);
        return builder.Build();
    }

    [Test]
    public void A_host_with_a_named_client_without_a_key_fails_at_start_naming_the_option()
    {
        using var host = Host(s => s.AddGcoreIam("reseller", o => o.BaseUrl = _fake.BaseUrl));

        var e = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(e.OptionsName, Is.EqualTo("reseller"));
            Assert.That(e.Message, Does.StartWith("Gcore IAM client 'reseller': No Gcore API key is configured.")
                .And.Contain("GcoreIamClientOptions.ApiKey").And.Contain("AddGcoreIam(\"reseller\", ...)")
                .And.Contain("The GCORE_API_KEY environment variable applies only to the unnamed client."));
            Assert.That(_fake.Requests, Is.Empty);
        });
    }

    [Test]
    public void A_host_with_an_unnamed_client_without_a_key_fails_at_start_with_the_first_call_message()
    {
        Assume.That(Environment.GetEnvironmentVariable(GcoreIamClientOptions.ApiKeyEnvironmentVariable), Is.Null.Or.Empty,
            "GCORE_API_KEY is set in this process, so the unnamed client has a key");
        using var standalone = new GcoreIamClient(new GcoreIamClientOptions { BaseUrl = _fake.BaseUrl });
        var firstCall = Assert.ThrowsAsync<GcoreIamConfigurationException>(() => standalone.Users.GetUserAsync(2))!;
        using var host = Host(s => s.AddGcoreIam(o => o.BaseUrl = _fake.BaseUrl));

        var e = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Is.EqualTo(firstCall.Message));
            Assert.That(e.Message, Does.Contain("GcoreIamClientOptions.ApiKey").And.Contain("GCORE_API_KEY"));
            Assert.That(e.OptionsName, Is.EqualTo(Options.DefaultName));
            Assert.That(_fake.Requests, Is.Empty);
        });
    }

    [Test]
    public void A_key_together_with_a_username_fails_at_start_with_the_standalone_clients_message()
    {
        void Contradictory(GcoreIamClientOptions o)
        {
            o.BaseUrl = _fake.BaseUrl;
            o.ApiKey = _fake.ApiKey;
            o.Username = Username;
            o.Password = GcoreIamFakeSeed.DefaultPassword;
        }

        var standalone = new GcoreIamClientOptions();
        Contradictory(standalone);
        var atConstruction = Assert.Throws<GcoreIamConfigurationException>(() => new GcoreIamClient(standalone).Dispose())!;
        using var unnamed = Host(s => s.AddGcoreIam(Contradictory));
        using var named = Host(s => s.AddGcoreIam("admin", Contradictory));

        var e = Assert.ThrowsAsync<OptionsValidationException>(() => unnamed.StartAsync())!;
        var n = Assert.ThrowsAsync<OptionsValidationException>(() => named.StartAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Is.EqualTo(atConstruction.Message));
            Assert.That(e.Message, Does.Contain("set either ApiKey (GCORE_API_KEY) or Username and Password, not both"));
            Assert.That(n.Message, Is.EqualTo("Gcore IAM client 'admin': Both an API key and a username and password are configured: set either ApiKey or Username and Password, not both."));
            Assert.That(e.Message + n.Message, Does.Not.Contain(_fake.ApiKey).And.Not.Contain(GcoreIamFakeSeed.DefaultPassword));
            Assert.That(_fake.Requests, Is.Empty);
        });
    }

    [Test]
    public void Every_problem_of_several_clients_is_reported_at_once()
    {
        using var host = Host(s =>
        {
            s.AddGcoreIam("reseller", o => o.BaseUrl = _fake.BaseUrl);
            s.AddGcoreIam("customer", o =>
            {
                o.ApiKey = _fake.ApiKey;
                o.BaseUrl = _fake.BaseUrl;
                o.MaxRetries = -1;
            });
            s.AddGcoreIam("fine", o =>
            {
                o.ApiKey = _fake.ApiKey;
                o.BaseUrl = _fake.BaseUrl;
            });
        });

        var e = Assert.ThrowsAsync<AggregateException>(() => host.StartAsync())!;

        Assert.That(e.InnerExceptions.Cast<OptionsValidationException>().Select(x => x.Message), Is.EquivalentTo(new[]
        {
            "Gcore IAM client 'reseller': No Gcore API key is configured. Set GcoreIamClientOptions.ApiKey (or Username and Password) in AddGcoreIam(\"reseller\", ...), "
                + "or the ApiKey (or Username and Password) setting of the configuration section passed to it. The GCORE_API_KEY environment variable applies only to the unnamed client.",
            "Gcore IAM client 'customer': GcoreIamClientOptions.MaxRetries must be between 0 and 10; it is -1.",
        }));
    }

    [Test]
    public async Task A_host_whose_clients_are_configured_starts_and_its_clients_call_the_server()
    {
        using var host = Host(s =>
        {
            s.AddGcoreIam(o =>
            {
                o.ApiKey = _fake.ApiKey;
                o.BaseUrl = _fake.BaseUrl;
            });
            s.AddGcoreIam("admin", o =>
            {
                o.Username = Username;
                o.Password = GcoreIamFakeSeed.DefaultPassword;
                o.BaseUrl = _fake.BaseUrl;
            });
        });

        await host.StartAsync();
        await host.Services.GetRequiredService<IUsersClient>().GetUserAsync(2);
        await host.Services.GetRequiredKeyedService<IUsersClient>("admin").GetUserAsync(2);
        await host.StopAsync();

        Assert.That(_fake.Requests.Select(r => (r.Operation, r.AuthScheme, r.Authorized)), Is.EqualTo(new[]
        {
            (FakeOperation.GetUser, "APIKey", true),
            (FakeOperation.LogIn, (string?)null, true),
            (FakeOperation.GetUser, "Bearer", true),
        }));
    }

    [Test]
    public async Task Without_a_host_the_first_client_resolved_reports_the_same_problem()
    {
        var services = new ServiceCollection();
        services.AddGcoreIam("reseller", o => o.BaseUrl = _fake.BaseUrl);
        await using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<IUsersClient>("reseller"))!;

        Assert.That(e.Message, Does.StartWith("Gcore IAM client 'reseller': No Gcore API key is configured."));
    }

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
