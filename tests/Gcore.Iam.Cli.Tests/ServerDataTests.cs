using Gcore.Iam.Cli.Tests.Answers;
using Gcore.Iam.Testing;

namespace Gcore.Iam.Cli.Tests;

/// <summary>
/// Values Gcore may send that the CLI once mishandled (found by <see cref="GeneratedAnswerTests"/>): an
/// account id of 0 or below, an access token that is not a JWT, an empty page under a positive count.
/// </summary>
[TestFixture]
public class ServerDataTests : CliTestBase
{
    // The account id is Gcore's: the CLI sends whatever the overview says (it once crashed, exit 1, on a
    // guard meant for typed input). Gcore's router, like the fake's, matches ids of digits only, so a
    // negative id is Gcore's 404 (exit 3), never a crash.
    [TestCase(0, 0, "5,ci,")]
    [TestCase(-7, 3, "")]
    public async Task A_command_that_takes_the_account_id_from_the_overview_sends_any_id(int accountId, int exitCode, string output)
    {
        var seed = new GcoreIamFakeSeed { Account = new AccountOverview { Id = accountId, Email = "owner@example.com", Status = AccountStatus.Active } };
        seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, 1, "owner@example.com", "Owner", UserLanguage.En, groupId: 1));
        seed.ApiTokens.Add(GcoreIamFakeSeed.NewToken(seed, 5, "ci", null, roleId: 1, created: "2026-01-02T03:04:05Z", expires: null));
        await using var fake = GcoreIamFakeServer.Start(seed);

        var run = await RunAsync(new Dictionary<string, string> { ["GCORE_API_KEY"] = fake.ApiKey, ["GCORE_BASE_URL"] = fake.BaseUrl.ToString() }, "tokens", "list", "--format", "csv");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(exitCode), run.ToString());
            Assert.That(run.Out, Does.Contain(output));
            Assert.That(run.Error, Does.Not.Contain("unexpected error"));
            Assert.That(fake.Requests[^1].Path, Is.EqualTo($"/iam/v2/clients/{accountId}/tokens"));
        });
    }

    [Test]
    public async Task A_login_whose_access_token_is_not_a_JWT_says_its_expiry_is_unknown()
    {
        var operations = SpecOperations.From(SpecOperations.Spec);
        await using var server = await ScriptedGcore.StartAsync(operations);
        server.Answer(new Dictionary<string, string?>
        {
            ["Auth_LogIn"] = """{"access":"opaque-access-1","refresh":"opaque-refresh-1"}""",
            ["Account_GetAccountOverview"] = """{"id":42,"email":"owner@example.com"}""",
        });

        var run = await RunAsync(
            new Dictionary<string, string> { ["GCORE_USERNAME"] = "owner@example.com", ["GCORE_PASSWORD"] = "Passw0rd-1", ["GCORE_BASE_URL"] = server.BaseUrl.ToString() },
            "login");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.ErrorLines.Last(), Does.StartWith("Logged in to account 42; its expiry is unknown"));
            Assert.That(run.Error, Does.Not.Contain("9999"));
            Assert.That(server.Seen, Is.EqualTo(new[] { "Auth_LogIn none", "Account_GetAccountOverview Bearer" }));
        });
    }

    [TestCase("Users_ListUsers", """{"count":5,"next":null,"previous":null,"results":[]}""", "users", "list")]
    [TestCase("Activity_ListLogins", """{"count":5,"next":null,"previous":null,"result":[]}""", "activity", "logins")]
    public async Task An_empty_page_under_a_positive_count_never_offers_itself_as_the_next_page(string operation, string answer, string area, string command)
    {
        await using var server = await ScriptedGcore.StartAsync(SpecOperations.From(SpecOperations.Spec));
        server.Answer(new Dictionary<string, string?> { [operation] = answer });

        var run = await RunAsync(new Dictionary<string, string> { ["GCORE_API_KEY"] = "42_key", ["GCORE_BASE_URL"] = server.BaseUrl.ToString() }, area, command);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Error, Does.Not.Contain("--offset 0 for the next page").And.Not.Contain("1-0"));
            Assert.That(run.ErrorLines.Single(), Does.StartWith("No ").And.Contain("at offset 0; Gcore counts 5."));
        });
    }

    [TestCase(0, 3, 12, "Showing users 1-3 of 12; use --all for every user, or --offset 3 for the next page.")]
    [TestCase(10, 2, 12, null)]
    [TestCase(12, 0, 12, "No users at offset 12; Gcore counts 12. Give a smaller --offset, or use --all for every user.")]
    [TestCase(0, 0, 0, null)]
    [TestCase(int.MaxValue, 1, int.MaxValue, null)]
    [TestCase(2147483640, 5, int.MaxValue, "Showing users 2147483641-2147483645 of 2147483647; use --all for every user, or --offset 2147483645 for the next page.")]
    public void The_page_note_is_true_at_the_edges(int start, int shown, int count, string? note) =>
        Assert.That(CliApp.PageNote("users", "user", start, shown, count), Is.EqualTo(note));
}
