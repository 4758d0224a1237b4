using System.Globalization;
using Gcore.Iam.Testing;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests;

/// <summary>Safe by default: no fake data for a script that did not ask for it, confirmation or --yes before a change, --dry-run.</summary>
[TestFixture]
public class SafetyTests : CliTestBase
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [TestCase("")]
    [TestCase("   ")]
    public async Task An_empty_key_option_is_a_configuration_error_and_no_fake(string key)
    {
        var run = await RunAsync(NoEnvironment, "tokens", "delete", "1", "--yes", "--api-key", key);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(6), run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.ErrorLines.Single(), Does.StartWith("gcore-iam: --api-key was given but is empty or blank"));
            Assert.That(run.Error, Does.Not.Contain("fake Gcore IAM server"));
        });
    }

    [Test]
    public async Task An_empty_GCORE_API_KEY_is_a_configuration_error_also_at_a_terminal()
    {
        var environment = new Dictionary<string, string> { ["GCORE_API_KEY"] = "" };
        var script = await RunAsync(environment, "users", "list", "-o", "json");
        var person = await RunAtTerminalAsync(new ScriptedTerminal(), environment, "users", "revoke", "3", "--yes");

        Assert.Multiple(() =>
        {
            foreach (var run in new[] { script, person })
            {
                Assert.That(run.ExitCode, Is.EqualTo(6), run.ToString());
                Assert.That(run.Out, Is.Empty);
                Assert.That(run.ErrorLines.Single(), Is.EqualTo("gcore-iam: GCORE_API_KEY is set but empty or blank (a secret that did not load?). Set it to the key, or unset it."));
            }
        });
    }

    [Test]
    public async Task No_key_outside_a_terminal_is_no_fake_data_but_an_error_saying_what_to_do()
    {
        var run = await RunAsync(NoEnvironment, "users", "list", "-o", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(6), run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.ErrorLines.Single(), Does.StartWith("gcore-iam: No API key: set GCORE_API_KEY (or pass --api-key)").And.Contain("pass --fake"));
        });
    }

    [Test]
    public async Task Fake_gives_the_fake_anywhere_by_option_or_environment()
    {
        var option = await RunAsync(NoEnvironment, "users", "list", "-o", "json", "--fake");
        var environment = await RunAsync(new Dictionary<string, string> { ["GCORE_FAKE"] = "1", ["GCORE_API_KEY"] = "42_a-key-of-the-shell-1234" }, "users", "list", "-o", "json");

        Assert.Multiple(() =>
        {
            foreach (var run in new[] { option, environment })
            {
                Assert.That(run.ExitCode, Is.Zero, run.ToString());
                Assert.That(JArray.Parse(run.Out), Has.Count.EqualTo(12));
                Assert.That(run.ErrorLines.Single(), Does.StartWith("gcore-iam: using the built-in fake Gcore IAM server").And.Contain("as --fake asks"));
            }
        });
    }

    [Test]
    public async Task Fake_with_an_api_key_or_base_url_option_is_a_usage_error()
    {
        var run = await RunAsync(NoEnvironment, "users", "list", "--fake", "--api-key", "42_key-1234567");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.ErrorLines[0], Does.Contain("leave out --api-key and --base-url"));
            Assert.That(run.ErrorLines[1], Is.EqualTo("Run 'gcore-iam users list --help' for usage."));
        });
    }

    [TestCase("users", "revoke", "3")]
    [TestCase("tokens", "delete", "1")]
    [TestCase("users", "role", "set", "3", "--role", "Engineers")]
    public async Task A_destructive_command_outside_a_terminal_is_refused_without_yes_and_done_with_it(params string[] command)
    {
        var refused = await RunAgainstFakeAsync(command);
        var sentWhenRefused = Fake.Requests.Count;
        var done = await RunAgainstFakeAsync([.. command, "--yes"]);

        Assert.Multiple(() =>
        {
            Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
            Assert.That(refused.Out, Is.Empty);
            Assert.That(refused.ErrorLines[0], Does.Contain("asks first, but there is no terminal to ask at: pass --yes to do it, or --dry-run"));
            Assert.That(sentWhenRefused, Is.Zero, "nothing is sent before --yes");
            Assert.That(done.ExitCode, Is.Zero, done.ToString());
        });
        Assert.That(Fake.Requests[^1].Method, Is.Not.EqualTo("GET"));
        Assert.That(Fake.Requests[^1].StatusCode, Is.InRange(200, 299));
    }

    [Test]
    public async Task Revoke_defaults_to_the_keys_own_account()
    {
        var run = await RunAgainstFakeAsync("users", "revoke", "3", "--yes");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.ErrorLines.Single(), Is.EqualTo("Revoked user 3's access to account 200001."));
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.GetAccountOverview, FakeOperation.RevokeAccess }));
        });
    }

    [Test]
    public async Task At_a_terminal_a_destructive_command_asks_and_no_changes_nothing()
    {
        var environment = new Dictionary<string, string> { ["GCORE_API_KEY"] = Fake.ApiKey, ["GCORE_BASE_URL"] = Fake.BaseUrl.ToString() };
        var no = new ScriptedTerminal(answers: "n");
        var declined = await RunAtTerminalAsync(no, environment, "tokens", "delete", "1", "--account", "200001");
        var afterNo = Fake.Requests.Count;
        var yes = new ScriptedTerminal(answers: "y");
        var confirmed = await RunAtTerminalAsync(yes, environment, "tokens", "delete", "1", "--account", "200001");

        Assert.Multiple(() =>
        {
            Assert.That(declined.ExitCode, Is.EqualTo(130), declined.ToString());
            Assert.That(declined.Error, Does.StartWith("Delete API token 1 of account 200001? Whatever uses it stops working. [y/N] "));
            Assert.That(declined.Error, Does.Contain("gcore-iam: Nothing was changed"));
            Assert.That(afterNo, Is.Zero);
            Assert.That(no.Reads, Is.EqualTo(new[] { (false, (string?)"n") }));
            Assert.That(confirmed.ExitCode, Is.Zero, confirmed.ToString());
            Assert.That(confirmed.ErrorLines.Last(), Does.EndWith("Deleted API token 1 of account 200001."));
            Assert.That(Fake.Requests.Single().Operation, Is.EqualTo(FakeOperation.DeleteApiToken));
        });
    }

    [Test]
    public async Task Dry_run_prints_the_request_and_sends_nothing()
    {
        var run = await RunAgainstFakeAsync("tokens", "delete", "1", "--account", "200001", "--dry-run");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Is.EqualTo($"DELETE {Fake.BaseUrl}iam/v2/clients/200001/tokens/1\n"));
            Assert.That(run.ErrorLines.Single(), Is.EqualTo("Dry run: nothing was sent, nothing changed."));
            Assert.That(Fake.Requests, Is.Empty, "the fake's request log");
        });
    }

    [Test]
    public async Task Dry_run_of_a_password_change_shows_the_body_with_the_passwords_redacted()
    {
        var run = await RunWithInputAsync(NoEnvironment, "old-Passw0rd-1\nnew-Passw0rd-2\n",
            "users", "password", "3", "--dry-run", "-o", "json", "--api-key", Fake.ApiKey, "--base-url", Fake.BaseUrl.ToString());

        var request = JObject.Parse(run.Out);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(request["method"]!.Value<string>(), Is.EqualTo("PUT").Or.EqualTo("POST").Or.EqualTo("PATCH"));
            Assert.That(request["url"]!.Value<string>(), Is.EqualTo($"{Fake.BaseUrl}iam/users/3/password"));
            Assert.That(request["body"]!.Children<JProperty>().Select(p => p.Name), Is.EquivalentTo(new[] { "old", "new", "double" }));
            Assert.That(run.Out + run.Error, Does.Not.Contain("old-Passw0rd-1").And.Not.Contain("new-Passw0rd-2"));
            Assert.That(Fake.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task Dry_run_without_account_sends_only_the_read_of_the_keys_own_account()
    {
        var run = await RunAgainstFakeAsync("users", "revoke", "3", "--dry-run");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Is.EqualTo($"DELETE {Fake.BaseUrl}iam/clients/200001/client-users/3\n"));
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.GetAccountOverview }));
            Assert.That(Fake.Users.Any(u => u.Id == 3), Is.True);
        });
    }

    [Test]
    public async Task Passwords_typed_at_a_terminal_are_read_hidden_after_a_prompt_that_says_what_is_asked()
    {
        var terminal = new ScriptedTerminal(answers: [GcoreIamFakeSeed.DefaultPassword, "brand-new-Passw0rd", "brand-new-Passw0rd", "yes"]);
        var run = await RunAtTerminalAsync(terminal, new Dictionary<string, string> { ["GCORE_API_KEY"] = Fake.ApiKey, ["GCORE_BASE_URL"] = Fake.BaseUrl.ToString() },
            "users", "password", "3");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(terminal.Reads.Select(r => r.Hidden), Is.EqualTo(new[] { true, true, true, false }));
            Assert.That(run.Error, Does.Contain("The current password of user 3 (not shown): ")
                .And.Contain("The new password of user 3 (not shown): ")
                .And.Contain("The new password again (not shown): ")
                .And.Contain("Change user 3's password? Gcore ends the user's other sessions. [y/N] "));
            Assert.That(run.Out + run.Error, Does.Not.Contain("brand-new-Passw0rd").And.Not.Contain(GcoreIamFakeSeed.DefaultPassword));
            Assert.That(Fake.Requests.Single().Operation, Is.EqualTo(FakeOperation.ChangePassword));
        });
    }

    [Test]
    public async Task Login_with_fake_works_offline_with_the_fakes_user_and_password()
    {
        var run = await RunWithInputAsync(NoEnvironment, GcoreIamFakeSeed.DefaultPassword + "\n",
            "login", "--fake", "--username", "john.doe@example.com", "--password-stdin");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Match("ID +200001"));
            Assert.That(run.ErrorLines[0], Does.Contain("built-in fake Gcore IAM server").And.Contain("127.0.0.1"));
            Assert.That(run.ErrorLines.Last(), Does.StartWith("Logged in to account 200001"));
        });
    }

    [Test]
    public async Task The_README_commands_fake_is_the_one_documented()
    {
        // docs/cli.md gives the fake's credentials: the seed's default password and these users.
        var docs = await File.ReadAllTextAsync(Path.Combine(RepoRoot(), "docs", "cli.md"));

        Assert.Multiple(() =>
        {
            Assert.That(docs, Does.Contain(GcoreIamFakeSeed.DefaultPassword));
            Assert.That(docs, Does.Contain("john.doe@example.com"));
            Assert.That(docs, Does.Contain(string.Create(CultureInfo.InvariantCulture, $"{Fake.AccountId}")));
        });
    }

    private static string RepoRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gcore.Iam.Generated.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("the repository root (Gcore.Iam.Generated.sln) above the test directory");
    }
}
