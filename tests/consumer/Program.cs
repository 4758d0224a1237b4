// A user's application, built from the Gcore.Iam.Generated package only. It registers the client with
// dependency injection the way the README shows, calls it against the fake server of the
// Gcore.Iam.Testing package on 127.0.0.1 (seeded with its own data) and checks every answer.
// Exit code 0 only when all checks pass.
using Gcore.Iam;
using Gcore.Iam.Consumer;
using Gcore.Iam.Consumer.NetStandard;
using Gcore.Iam.Testing;
using Microsoft.Extensions.DependencyInjection;

var failures = 0;
void Check(bool ok, string what)
{
    Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}");
    failures += ok ? 0 : 1;
}

try
{
    Console.WriteLine($"consumer ({PackageProvenance.TargetFramework}) on .NET {Environment.Version}");
    foreach (var (ok, what) in PackageProvenance.Check())
    {
        Check(ok, what);
    }

    var seed = GcoreIamFakeSeed.CreateEmpty();
    seed.Users.Clear();
    seed.Account.CurrentUser = 101;
    seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, 101, "anna.schmidt@example.com", "Anna Schmidt", UserLanguage.De, groupId: 1, phone: "+49 30 1234567"));
    seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, 102, "li.wei@example.com", "Li Wei", UserLanguage.En));
    await using var server = GcoreIamFakeServer.Start(seed);
    Console.WriteLine($"fake server at {server.BaseUrl}");

    var services = new ServiceCollection();
    services.AddGcoreIam(o =>
    {
        o.ApiKey = server.ApiKey;
        o.BaseUrl = server.BaseUrl;
    });
    await using var provider = services.BuildServiceProvider();
    var gcore = provider.GetRequiredService<GcoreIamClient>();

    var page = await gcore.Users.ListUsersAsync(10);
    Console.WriteLine($"Users.ListUsersAsync(10): count {page.Count}, {string.Join(", ", page.Results.Select(u => $"{u.Id} {u.Email}"))}");
    Check(page.Count == 2, "the page's count is 2");
    Check(page.Results.Select(u => u.Id).SequenceEqual([101, 102]), "the page holds users 101 and 102");
    Check(page.Results[0].Email == "anna.schmidt@example.com" && page.Results[0].Name == "Anna Schmidt", "user 101 is Anna Schmidt");
    Check(page.Results[1].Lang == UserLanguage.En, "user 102's language is en");

    var account = await gcore.Account.GetAccountOverviewAsync();
    Console.WriteLine($"Account.GetAccountOverviewAsync(): {account.Id} {account.CompanyName} {account.Status} current user {account.CurrentUser}");
    Check(account.Id == 200001 && account.CompanyName == "Example GmbH", "the account is 200001 Example GmbH");
    Check(account.Status == AccountStatus.Active, "the account is active");
    Check(account.CurrentUser == 101, "the key belongs to user 101");

    var requests = server.Requests;
    Console.WriteLine("requests seen: " + Describe(requests));
    Check(requests.Count == 2, "two requests reached the server");
    Check(requests.All(r => r.Authorized), "each carried the right Authorization: APIKey <key>");
    Check(requests.Any(r => r.Method == "GET" && r.Path == "/iam/users" && r.Query.TryGetValue("limit", out var limit) && limit == "10"), "GET /iam/users?limit=10");
    Check(requests.Any(r => r.Method == "GET" && r.Path == "/iam/clients/me"), "GET /iam/clients/me");

    // A netstandard2.0 library (NetStandardLibrary/, compiled against the package's lib/netstandard2.0)
    // lists the users, first through the container's IUsersClient, then through a client of its own.
    // Pages of one user: users 101 and 102, then an empty page.
    Console.WriteLine($"netstandard2.0 library {typeof(UserDirectory).Assembly.GetName().Name}, built for {TargetFrameworkOf(typeof(UserDirectory).Assembly)}");
    Check(TargetFrameworkOf(typeof(UserDirectory).Assembly) == ".NETStandard,Version=v2.0", "the library is a netstandard2.0 build");
    string[] expectedLines = ["101 anna.schmidt@example.com", "102 li.wei@example.com"];
    var fromContainer = await new UserDirectory(provider.GetRequiredService<IUsersClient>()).ListAsync();
    Console.WriteLine($"UserDirectory.ListAsync() (the container's IUsersClient): {string.Join(", ", fromContainer)}");
    Check(fromContainer.SequenceEqual(expectedLines), "the netstandard2.0 library lists users 101 and 102 through the container's client");
    var fromOwnClient = await UserDirectory.ListWithOwnClientAsync(server.BaseUrl, server.ApiKey);
    Console.WriteLine($"UserDirectory.ListWithOwnClientAsync(): {string.Join(", ", fromOwnClient)}");
    Check(fromOwnClient.SequenceEqual(expectedLines), "the netstandard2.0 library lists users 101 and 102 through a client of its own");

    var libraryRequests = server.Requests.Skip(requests.Count).ToList();
    Console.WriteLine("the library's requests: " + Describe(libraryRequests));
    Check(libraryRequests.Count > 0 && libraryRequests.All(r => r.Method == "GET" && r.Path == "/iam/users" && r.Authorized),
        "the library's requests were authorized GET /iam/users, and reached the fake");
}
#pragma warning disable CA1031 // Any failure is a failed consumption run: report it and exit non-zero.
catch (Exception e)
#pragma warning restore CA1031
{
    Console.WriteLine($"  FAIL {e.GetType().Name}: {e.Message}");
    failures++;
}

static string Describe(IEnumerable<FakeRequest> requests) =>
    string.Join("; ", requests.Select(r => $"{r.Method} {r.Path}{(r.Query.Count > 0 ? "?" + string.Join("&", r.Query.Select(q => q.Key + "=" + q.Value)) : "")}"));

static string? TargetFrameworkOf(System.Reflection.Assembly assembly) =>
    System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Runtime.Versioning.TargetFrameworkAttribute>(assembly)?.FrameworkName;

Console.WriteLine(failures == 0 ? "consumer: all checks passed" : $"consumer: {failures} check(s) failed");
return failures == 0 ? 0 : 1;
