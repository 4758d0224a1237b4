using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gcore.Iam.Testing.Tests;

/// <summary>
/// Named clients (<c>AddGcoreIam(name, ...)</c>), each against its own fake on loopback: each name
/// sends its own credential to its own server (the fakes' request logs), an API key and a JWT session
/// side by side, resolved as keyed services and through <see cref="IGcoreIamClientFactory"/>, beside
/// the unnamed registration.
/// </summary>
[TestFixture]
public class NamedClientTests
{
    private const string ResellerKey = "42_reseller0c0ffee0123456789abcdef0123456789abcdef0123456789a";
    private const string CustomerKey = "43_customer0c0ffee0123456789abcdef0123456789abcdef0123456789b";
    private const string Username = "john.doe@example.com";

    private GcoreIamFakeServer _reseller = null!;
    private GcoreIamFakeServer _customer = null!;

    [SetUp]
    public void StartFakes()
    {
        _reseller = GcoreIamFakeServer.Start(Seed(ResellerKey, 300001, "Reseller GmbH"));
        _customer = GcoreIamFakeServer.Start(Seed(CustomerKey, 400001, "Customer Ltd"));
    }

    [TearDown]
    public async Task StopFakes()
    {
        await _reseller.DisposeAsync();
        await _customer.DisposeAsync();
    }

    private static GcoreIamFakeSeed Seed(string key, int accountId, string company)
    {
        var seed = GcoreIamFakeSeed.CreateDefault();
        seed.ApiKey = key;
        seed.Account.Id = accountId;
        seed.Account.CompanyName = company;
        return seed;
    }

    private ServiceCollection TwoAccounts()
    {
        var services = new ServiceCollection();
        services.AddGcoreIam("reseller", o =>
        {
            o.ApiKey = ResellerKey;
            o.BaseUrl = _reseller.BaseUrl;
        });
        services.AddGcoreIam("customer", o =>
        {
            o.ApiKey = CustomerKey;
            o.BaseUrl = _customer.BaseUrl;
        });
        return services;
    }

    [Test]
    public async Task Two_named_clients_send_each_its_own_key_to_its_own_server()
    {
        await using var provider = TwoAccounts().BuildServiceProvider();

        var resellerAccount = await provider.GetRequiredKeyedService<IAccountClient>("reseller").GetAccountOverviewAsync();
        var customerAccount = await provider.GetRequiredKeyedService<IAccountClient>("customer").GetAccountOverviewAsync();
        var resellerUser = await provider.GetRequiredKeyedService<GcoreIamClient>("reseller").Users.GetUserAsync(2);
        var customerUser = await provider.GetRequiredKeyedService<IUsersClient>("customer").GetUserAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That((resellerAccount.Id, resellerAccount.CompanyName), Is.EqualTo((300001, "Reseller GmbH")));
            Assert.That((customerAccount.Id, customerAccount.CompanyName), Is.EqualTo((400001, "Customer Ltd")));
            Assert.That((resellerUser.Id, customerUser.Id), Is.EqualTo((2, 3)));
            // Each fake accepts only its own key: Authorized says which key arrived.
            Assert.That(_reseller.Requests.Select(r => (r.Operation, r.AuthScheme, r.Authorized)),
                Is.EqualTo(new[] { (FakeOperation.GetAccountOverview, "APIKey", true), (FakeOperation.GetUser, "APIKey", true) }));
            Assert.That(_customer.Requests.Select(r => (r.Operation, r.AuthScheme, r.Authorized)),
                Is.EqualTo(new[] { (FakeOperation.GetAccountOverview, "APIKey", true), (FakeOperation.GetUser, "APIKey", true) }));
        });
    }

    [Test]
    public async Task A_key_sent_to_the_other_account_is_refused_so_the_logs_tell_the_keys_apart()
    {
        // The check the test above relies on: one fake does not accept the other's key.
        var services = new ServiceCollection();
        services.AddGcoreIam("crossed", o =>
        {
            o.ApiKey = CustomerKey;
            o.BaseUrl = _reseller.BaseUrl;
            o.MaxRetries = 0;
        });
        await using var provider = services.BuildServiceProvider();

        Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => provider.GetRequiredKeyedService<IUsersClient>("crossed").GetUserAsync(2));

        Assert.That(_reseller.Requests.Select(r => (r.AuthScheme, r.Authorized, r.StatusCode)), Is.EqualTo(new[] { ("APIKey", false, 401) }));
    }

    [Test]
    public async Task A_JWT_named_client_and_a_key_named_client_live_side_by_side()
    {
        var services = new ServiceCollection();
        services.AddGcoreIam("admin", o =>
        {
            o.Username = Username;
            o.Password = GcoreIamFakeSeed.DefaultPassword;
            o.BaseUrl = _reseller.BaseUrl;
        });
        services.AddGcoreIam("ci", o =>
        {
            o.ApiKey = CustomerKey;
            o.BaseUrl = _customer.BaseUrl;
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IUsersClient>("admin").GetUserAsync(3);
        await provider.GetRequiredKeyedService<IUsersClient>("ci").GetUserAsync(3);
        // Another client of the same name, resolved later, shares the name's session: no second login.
        var admin = provider.GetRequiredKeyedService<GcoreIamClient>("admin");
        await admin.Account.GetAccountOverviewAsync();
        var ci = provider.GetRequiredKeyedService<GcoreIamClient>("ci");

        Assert.Multiple(() =>
        {
            Assert.That(_reseller.Requests.Select(r => (r.Operation, r.AuthScheme, r.Authorized)), Is.EqualTo(new[]
            {
                (FakeOperation.LogIn, (string?)null, true),
                (FakeOperation.GetUser, "Bearer", true),
                (FakeOperation.GetAccountOverview, "Bearer", true),
            }));
            Assert.That(_customer.Requests.Select(r => (r.Operation, r.AuthScheme, r.Authorized)),
                Is.EqualTo(new[] { (FakeOperation.GetUser, "APIKey", true) }));
            Assert.That(admin.LoginExpires, Is.Not.Null, "the JWT client logged in");
            Assert.That(ci.LoginExpires, Is.Null, "the key client has no session");
            Assert.ThrowsAsync<InvalidOperationException>(() => ci.RefreshLoginAsync());
        });
    }

    [Test]
    public async Task A_constructor_parameter_marked_FromKeyedServices_gets_that_names_client()
    {
        var services = TwoAccounts();
        services.AddTransient<ResellerDirectory>();
        await using var provider = services.BuildServiceProvider();

        var email = await provider.GetRequiredService<ResellerDirectory>().EmailOfAsync(4);

        Assert.Multiple(() =>
        {
            Assert.That(email, Is.EqualTo("li.wei@example.com"));
            Assert.That(_reseller.Requests.Select(r => r.Path), Is.EqualTo(new[] { "/iam/users/4" }));
            Assert.That(_customer.Requests, Is.Empty);
            Assert.That(provider.GetKeyedService<IUsersClient>("nobody"), Is.Null);
            Assert.That(provider.GetService<IUsersClient>(), Is.Null, "only named clients are registered: there is no unnamed one");
        });
    }

    [Test]
    public async Task The_factory_makes_the_client_of_a_name_and_says_which_names_exist()
    {
        await using var provider = TwoAccounts().BuildServiceProvider();
        var factory = provider.GetRequiredService<IGcoreIamClientFactory>();

        var customer = factory.CreateClient("customer");
        var account = await customer.Account.GetAccountOverviewAsync();
        var unknown = Assert.Throws<InvalidOperationException>(() => factory.CreateClient("partner"))!;
        var unnamed = Assert.Throws<InvalidOperationException>(() => factory.CreateClient(""))!;

        Assert.Multiple(() =>
        {
            Assert.That(account.CompanyName, Is.EqualTo("Customer Ltd"));
            Assert.That(customer.BaseAddress, Is.EqualTo(_customer.BaseUrl));
            Assert.That(_customer.Requests.Single().Authorized, Is.True);
            Assert.That(unknown.Message, Does.Contain("'partner'").And.Contain("AddGcoreIam(\"partner\"").And.Contain("'reseller'").And.Contain("'customer'"));
            Assert.That(unnamed.Message, Does.Contain("No unnamed Gcore IAM client"));
        });
    }

    [Test]
    public async Task The_unnamed_registration_beside_named_ones_keeps_its_own_key_and_is_the_factorys_default_name()
    {
        var services = TwoAccounts();
        services.AddGcoreIam(o =>
        {
            o.ApiKey = CustomerKey;
            o.BaseUrl = _customer.BaseUrl;
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IUsersClient>().GetUserAsync(5);
        await provider.GetRequiredService<IGcoreIamClientFactory>().CreateClient(Microsoft.Extensions.Options.Options.DefaultName).Users.GetUserAsync(6);
        await provider.GetRequiredKeyedService<IUsersClient>("reseller").GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(_customer.Requests.Select(r => (r.Path, r.Authorized)), Is.EqualTo(new[] { ("/iam/users/5", true), ("/iam/users/6", true) }));
            Assert.That(_reseller.Requests.Select(r => (r.Path, r.Authorized)), Is.EqualTo(new[] { ("/iam/users/7", true) }));
        });
    }

    [Test]
    public async Task Each_name_has_its_own_HttpClient_whose_handlers_see_only_that_names_requests()
    {
        var seen = new ConcurrentQueue<string>();
        var services = new ServiceCollection();
        var reseller = services.AddGcoreIam("reseller", o =>
        {
            o.ApiKey = ResellerKey;
            o.BaseUrl = _reseller.BaseUrl;
        }).AddHttpMessageHandler(() => new Recording("reseller", seen));
        var customer = services.AddGcoreIam("customer", o =>
        {
            o.ApiKey = CustomerKey;
            o.BaseUrl = _customer.BaseUrl;
        }).AddHttpMessageHandler(() => new Recording("customer", seen));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IUsersClient>("reseller").GetUserAsync(2);
        await provider.GetRequiredKeyedService<IUsersClient>("customer").GetUserAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That((reseller.Name, customer.Name), Is.EqualTo(("Gcore.Iam:reseller", "Gcore.Iam:customer")));
            Assert.That(seen, Is.EqualTo(new[] { $"reseller GET {_reseller.BaseUrl}iam/users/2", $"customer GET {_customer.BaseUrl}iam/users/3" }));
        });
    }

    [Test]
    public async Task A_reloaded_section_changes_the_key_of_its_own_name_only()
    {
        const string rotated = "44_rotated0c0ffee0123456789abcdef0123456789abcdef0123456789c";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gcore:Iam:Accounts:reseller:ApiKey"] = ResellerKey,
            ["Gcore:Iam:Accounts:reseller:BaseUrl"] = _reseller.BaseUrl.ToString(),
            ["Gcore:Iam:Accounts:reseller:MaxRetries"] = "0",
            ["Gcore:Iam:Accounts:customer:ApiKey"] = CustomerKey,
            ["Gcore:Iam:Accounts:customer:BaseUrl"] = _customer.BaseUrl.ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddGcoreIam("reseller", configuration.GetSection("Gcore:Iam:Accounts:reseller"));
        services.AddGcoreIam("customer", configuration.GetSection("Gcore:Iam:Accounts:customer"));
        await using var provider = services.BuildServiceProvider();
        var reseller = provider.GetRequiredKeyedService<IUsersClient>("reseller");
        var customer = provider.GetRequiredKeyedService<IUsersClient>("customer");
        await reseller.GetUserAsync(2);
        await customer.GetUserAsync(2);

        configuration["Gcore:Iam:Accounts:reseller:ApiKey"] = rotated;
        configuration.Reload();
        Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => reseller.GetUserAsync(2), "the reseller's fake does not know the rotated key");
        await customer.GetUserAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(_reseller.Requests.Select(r => r.Authorized), Is.EqualTo(new[] { true, false }));
            Assert.That(_customer.Requests.Select(r => r.Authorized), Is.EqualTo(new[] { true, true }));
        });
    }

    [Test]
    public async Task A_name_registered_twice_takes_both_configurations_and_sends_each_request_once()
    {
        var services = new ServiceCollection();
        services.AddGcoreIam("reseller", o => o.ApiKey = ResellerKey);
        services.AddGcoreIam("reseller", o => o.BaseUrl = _reseller.BaseUrl);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<IUsersClient>("reseller").GetUserAsync(2);

        Assert.That(_reseller.Requests.Select(r => (r.Path, r.Authorized)), Is.EqualTo(new[] { ("/iam/users/2", true) }));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void A_blank_name_is_refused_and_points_to_the_unnamed_registration(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddGcoreIam(name, o => o.ApiKey = ResellerKey))!;

        Assert.That(e.Message, Does.Contain("AddGcoreIam without a name"));
    }

    private sealed class ResellerDirectory([FromKeyedServices("reseller")] IUsersClient users)
    {
        public async Task<string> EmailOfAsync(int userId) => (await users.GetUserAsync(userId)).Email;
    }

    private sealed class Recording(string name, ConcurrentQueue<string> seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue($"{name} {request.Method} {request.RequestUri}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
