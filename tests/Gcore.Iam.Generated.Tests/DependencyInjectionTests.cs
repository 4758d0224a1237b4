using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gcore.Iam.Tests;

/// <summary><c>AddGcoreIam</c>: options from code or configuration, the clients it registers, and user handlers.</summary>
[TestFixture]
public class DependencyInjectionTests : GcoreIamTestBase
{
    [Test]
    public async Task AddGcoreIam_with_an_options_callback_resolves_clients_that_call_the_server()
    {
        Respond("GET", "/iam/users/101", "user.json");
        Respond("GET", "/iam/clients/me", "account-overview-minimal.json");
        var services = new ServiceCollection();
        services.AddGcoreIam(o =>
        {
            o.ApiKey = ApiKey;
            o.BaseUrl = new Uri(Server.Url!);
        });
        using var provider = services.BuildServiceProvider();

        var gcore = provider.GetRequiredService<GcoreIamClient>();
        var users = provider.GetRequiredService<IUsersClient>();
        var account = provider.GetRequiredService<IAccountClient>();
        var user = await users.GetUserAsync(101);
        var overview = await account.GetAccountOverviewAsync();

        Assert.Multiple(() =>
        {
            Assert.That(provider.GetRequiredService<IApiTokensClient>(), Is.Not.Null);
            Assert.That(gcore.BaseAddress, Is.EqualTo(new Uri(Server.Url! + "/")));
            Assert.That(user.Email, Is.EqualTo("anna.schmidt@example.com"));
            Assert.That(overview.CompanyName, Is.EqualTo("Example Org"));
            Assert.That(ReceivedRequests().Select(r => r.AbsolutePath), Is.EqualTo(new[] { "/iam/users/101", "/iam/clients/me" }));
        });
        foreach (var request in ReceivedRequests())
        {
            AssertAuthorization(request);
        }
    }

    [Test]
    public async Task AddGcoreIam_binds_the_options_from_a_configuration_section()
    {
        Respond("GET", "/iam/v2/clients/200001/tokens/301", "api-token.json");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Gcore:Iam:ApiKey"] = ApiKey,
                ["Gcore:Iam:BaseUrl"] = Server.Url,
                ["Gcore:Iam:Timeout"] = "00:00:30",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddGcoreIam(configuration.GetSection(GcoreIamClientOptions.DefaultConfigurationSection));
        using var provider = services.BuildServiceProvider();

        var token = await provider.GetRequiredService<GcoreIamClient>().ApiTokens.GetApiTokenAsync(200001, 301);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(token.Name, Is.EqualTo("ci-deploy"));
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/v2/clients/200001/tokens/301"));
            AssertAuthorization(request);
            Assert.That(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<GcoreIamClientOptions>>().Value.Timeout,
                Is.EqualTo(TimeSpan.FromSeconds(30)));
        });
    }

    [Test]
    public async Task StrictResponses_from_configuration_makes_a_missing_required_member_an_error()
    {
        Respond("GET", "/iam/users/107", "user-missing-email.json");
        ServiceProvider Provider(bool? strict)
        {
            var settings = new Dictionary<string, string?> { ["Gcore:Iam:ApiKey"] = ApiKey, ["Gcore:Iam:BaseUrl"] = Server.Url };
            if (strict is { } value)
            {
                settings["Gcore:Iam:StrictResponses"] = value ? "true" : "false";
            }

            var services = new ServiceCollection();
            services.AddGcoreIam(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Gcore:Iam"));
            return services.BuildServiceProvider();
        }

        using var strict = Provider(true);
        using var tolerant = Provider(null);

        Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => strict.GetRequiredService<IUsersClient>().GetUserAsync(107));
        var user = await tolerant.GetRequiredService<IUsersClient>().GetUserAsync(107);
        Assert.That(user.Email, Is.Empty);
    }

    [Test]
    public async Task The_returned_builder_accepts_a_handler_that_sees_each_request_with_its_headers()
    {
        Respond("GET", "/iam/users", "users-page-3of3.json");
        var seen = new ConcurrentQueue<string>();
        var services = new ServiceCollection();
        services.AddGcoreIam(o =>
            {
                o.ApiKey = ApiKey;
                o.BaseUrl = new Uri(Server.Url!);
            })
            .AddHttpMessageHandler(() => new RecordingHandler(seen));
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IUsersClient>().ListUsersAsync(2, 4);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { $"GET {Server.Url}/iam/users?limit=2&offset=4 auth=APIKey-with-test-key" }));
            AssertAuthorization(SingleRequest());
        });
    }

    [Test]
    public async Task A_key_rotated_on_one_resolved_client_applies_to_clients_resolved_later()
    {
        const string rotated = "4243_RotatedTestKey0123456789abcdef";
        Respond("GET", "/iam/users/101", "user.json");
        var services = new ServiceCollection();
        services.AddGcoreIam(o =>
        {
            o.ApiKey = ApiKey;
            o.BaseUrl = new Uri(Server.Url!);
        });
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IUsersClient>().GetUserAsync(101);
        provider.GetRequiredService<GcoreIamClient>().UpdateApiKey(rotated);
        await provider.GetRequiredService<IUsersClient>().GetUserAsync(101);

        var requests = ReceivedRequests();
        Assert.That(requests, Has.Count.EqualTo(2));
        AssertAuthorization(requests[0], ApiKey);
        AssertAuthorization(requests[1], rotated);
    }

    [Test]
    public async Task A_key_changed_in_a_reloaded_configuration_applies_to_the_next_request()
    {
        const string rotated = "4243_RotatedTestKey0123456789abcdef";
        Respond("GET", "/iam/users/101", "user.json");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Gcore:Iam:ApiKey"] = ApiKey,
                ["Gcore:Iam:BaseUrl"] = Server.Url,
            })
            .Build();
        var services = new ServiceCollection();
        services.AddGcoreIam(configuration.GetSection("Gcore:Iam"));
        using var provider = services.BuildServiceProvider();
        var users = provider.GetRequiredService<IUsersClient>();

        await users.GetUserAsync(101);
        configuration["Gcore:Iam:ApiKey"] = rotated;
        configuration.Reload();
        await users.GetUserAsync(101);

        var requests = ReceivedRequests();
        Assert.That(requests, Has.Count.EqualTo(2));
        AssertAuthorization(requests[0], ApiKey);
        AssertAuthorization(requests[1], rotated);
    }

    private sealed class RecordingHandler(ConcurrentQueue<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var auth = request.Headers.TryGetValues("Authorization", out var values) ? values.Single() : "";
            var description = auth == "APIKey " + ApiKey ? "APIKey-with-test-key" : "other";
            seen.Enqueue($"{request.Method} {request.RequestUri} auth={description}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
