// A user's application, built from the Gcore.Iam.Generated package only. It registers the client with
// dependency injection the way the README shows, calls it against a fake server on 127.0.0.1 and checks
// every answer. Exit code 0 only when all checks pass.
using Gcore.Iam;
using Gcore.Iam.Consumer;
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

    using var server = FakeIamServer.Start();
    Console.WriteLine($"fake server at {server.BaseUrl}");

    var services = new ServiceCollection();
    services.AddGcoreIam(o =>
    {
        o.ApiKey = FakeIamServer.ApiKey;
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

    var requests = server.Requests();
    Console.WriteLine("requests seen: " + string.Join("; ", requests.Select(r => $"{r.Method} {r.PathAndQuery}")));
    Check(requests.Count == 2, "two requests reached the server");
    Check(requests.All(r => r.Authorization == "APIKey " + FakeIamServer.ApiKey), "each carried Authorization: APIKey <key>");
    Check(requests.Any(r => r.Method == "GET" && r.PathAndQuery == "/iam/users?limit=10"), "GET /iam/users?limit=10");
    Check(requests.Any(r => r.Method == "GET" && r.PathAndQuery == "/iam/clients/me"), "GET /iam/clients/me");
}
#pragma warning disable CA1031 // Any failure is a failed consumption run: report it and exit non-zero.
catch (Exception e)
#pragma warning restore CA1031
{
    Console.WriteLine($"  FAIL {e.GetType().Name}: {e.Message}");
    failures++;
}

Console.WriteLine(failures == 0 ? "consumer: all checks passed" : $"consumer: {failures} check(s) failed");
return failures == 0 ? 0 : 1;
