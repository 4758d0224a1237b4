using Gcore.Iam.Testing;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests;

[TestFixture]
public class CommandTests : CliTestBase
{
    [Test]
    public async Task Users_list_without_a_key_at_a_terminal_prints_the_seeded_users_from_the_embedded_fake()
    {
        // The README's main-job command without --fake, as a person at a terminal may run it.
        var run = await RunAtTerminalAsync(new ScriptedTerminal(), new Dictionary<string, string>(), "users", "list");

        var lines = run.Out.TrimEnd().Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(lines[0], Does.Match("^ID +EMAIL +NAME +PHONE +LANG +ROLES +AUTH +TYPE +ACTIVE$"));
            Assert.That(lines, Has.Length.EqualTo(13));
            Assert.That(lines[1], Does.Match("^1 +owner@example.com +Anna Schmidt +\\+49 30 1234567 +de +Administrators +password;github +common +yes$"));
            Assert.That(run.Out, Does.Contain("李伟").And.Contain("Иван Петров").And.Contain("Rəşad Məmmədov"));
            Assert.That(run.ErrorLines, Has.Length.EqualTo(1));
            Assert.That(run.ErrorLines[0], Does.Contain("built-in fake Gcore IAM server").And.Contain("http://127.0.0.1:"));
        });
    }

    [Test]
    public async Task Users_list_json_is_the_APIs_user_objects_and_nothing_else_on_stdout()
    {
        var run = await RunOfflineAsync("users", "list", "--format", "json");

        var users = JArray.Parse(run.Out);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(users, Has.Count.EqualTo(12));
            Assert.That(users[3]["name"]!.Value<string>(), Is.EqualTo("李伟"));
            Assert.That(users[3]["auth_types"]!.Values<string>(), Is.EqualTo(new[] { "sso" }));
            Assert.That(users[2]["phone"]!.Type, Is.EqualTo(JTokenType.Null));
        });
    }

    [Test]
    public async Task Users_list_csv_has_a_header_and_a_row_per_user()
    {
        var run = await RunOfflineAsync("users", "list", "--format", "csv");

        var lines = run.Out.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(lines[0], Is.EqualTo("ID,EMAIL,NAME,PHONE,LANG,ROLES,AUTH,TYPE,ACTIVE"));
            Assert.That(lines, Has.Length.EqualTo(13));
            Assert.That(lines[6], Is.EqualTo("6,purge-bot@example.com,,,en,Purge and Prefetch only (API),password,common,yes"));
        });
    }

    [Test]
    public async Task Users_list_pages_with_limit_and_offset_and_says_how_to_go_on()
    {
        var run = await RunAgainstFakeAsync("users", "list", "--limit", "5", "--offset", "5", "-o", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(JArray.Parse(run.Out).Select(u => u["id"]!.Value<int>()), Is.EqualTo(new[] { 6, 7, 8, 9, 10 }));
            Assert.That(run.ErrorLines, Is.EqualTo(new[] { "Showing users 6-10 of 12; use --all for every user, or --offset 10 for the next page." }));
            Assert.That(Fake.Requests.Single().Query, Is.EquivalentTo(new Dictionary<string, string> { ["limit"] = "5", ["offset"] = "5" }));
        });
    }

    [Test]
    public async Task Users_list_all_walks_every_page_and_is_quiet_on_stderr_outside_a_terminal()
    {
        var seed = GcoreIamFakeSeed.CreateEmpty();
        for (var id = 2; id <= 250; id++)
        {
            seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, id, $"user{id}@example.com", $"User {id}"));
        }

        await using var big = GcoreIamFakeServer.Start(seed);
        var run = await RunAsync(new Dictionary<string, string>(),
            "users", "list", "--all", "--format", "json", "--api-key", big.ApiKey, "--base-url", big.BaseUrl.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(JArray.Parse(run.Out).Select(u => u["id"]!.Value<int>()), Is.EqualTo(Enumerable.Range(1, 250)));
            Assert.That(run.Error, Is.Empty, "no progress when stderr is not a terminal");
            Assert.That(big.Requests.Select(r => r.Query["offset"]), Is.EqualTo(new[] { "0", "100", "200" }));
        });
    }

    [Test]
    public async Task Users_get_prints_one_user_as_fields_or_json()
    {
        var table = await RunAgainstFakeAsync("users", "get", "4");
        var json = await RunAgainstFakeAsync("users", "get", "4", "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(table.ExitCode, Is.Zero, table.ToString());
            Assert.That(table.Out, Does.Contain("EMAIL      li.wei@example.com\n").And.Contain("NAME       李伟\n").And.Contain("SSO        yes\n"));
            Assert.That(table.Error, Is.Empty, "with a key there is no message about the fake");
            Assert.That(JObject.Parse(json.Out)["email"]!.Value<string>(), Is.EqualTo("li.wei@example.com"));
            Assert.That(JObject.Parse(json.Out)["client"]!.Value<long>(), Is.EqualTo(200001));
        });
    }

    [Test]
    public async Task Users_update_sends_only_the_given_fields_and_clears_with_null()
    {
        var run = await RunAgainstFakeAsync("users", "update", "2", "--name", "Johnny", "--clear-phone", "--format", "json");

        var body = JObject.Parse(Fake.Requests.Single().Body!);
        var user = Fake.Users.Single(u => u.Id == 2);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(JToken.DeepEquals(body, JObject.Parse("""{"name":"Johnny","phone":null}""")), Is.True, body.ToString());
            Assert.That(JObject.Parse(run.Out)["name"]!.Value<string>(), Is.EqualTo("Johnny"));
            Assert.That(user.Name, Is.EqualTo("Johnny"));
            Assert.That(user.Phone, Is.Null);
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.En));
        });
    }

    [Test]
    public async Task Users_update_with_lang_and_clear_name()
    {
        var run = await RunAgainstFakeAsync("users", "update", "3", "--lang", "de", "--clear-name");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("NAME       -\n").And.Contain("LANG       de\n"));
            Assert.That(Fake.Users.Single(u => u.Id == 3).Name, Is.Null);
        });
    }

    [TestCase("users", "update", "2")]
    [TestCase("users", "update", "2", "--name", "A", "--clear-name")]
    [TestCase("users", "update", "2", "--phone", "1", "--clear-phone")]
    public async Task Users_update_with_nothing_or_contradicting_flags_is_a_usage_error_and_sends_nothing(params string[] args)
    {
        var run = await RunAgainstFakeAsync(args);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.ErrorLines, Has.Length.EqualTo(2));
            Assert.That(run.ErrorLines[1], Is.EqualTo("Run 'gcore-iam users update --help' for usage."));
            Assert.That(Fake.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task Users_invite_takes_the_account_from_the_overview_and_a_role_by_name()
    {
        var run = await RunAgainstFakeAsync("users", "invite", "--email", "new@example.com", "--role", "administrators", "--name", "New One", "--lang", "az", "--format", "json");

        var invited = Fake.Users.Single(u => u.Email == "new@example.com");
        var body = JObject.Parse(Fake.Requests[1].Body!);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(JToken.DeepEquals(JObject.Parse(run.Out), JObject.Parse("""{"status":"sent","user_id":13}""")), Is.True, run.Out);
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.GetAccountOverview, FakeOperation.InviteUser }));
            Assert.That(body["client_id"]!.Value<int>(), Is.EqualTo(200001));
            Assert.That(body["user_role"]!["id"]!.Value<int>(), Is.EqualTo(1));
            Assert.That(invited.Name, Is.EqualTo("New One"));
            Assert.That(invited.Lang, Is.EqualTo(UserLanguage.Az));
            Assert.That(run.ErrorLines.Single(), Is.EqualTo("Invited new@example.com as Administrators to account 200001: user id 13."));
        });
    }

    [Test]
    public async Task Users_invite_with_client_and_a_role_id_skips_the_overview()
    {
        var run = await RunAgainstFakeAsync("users", "invite", "--email", "n@example.com", "--role", "3022", "--client", "200001");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("USER ID  13\n"));
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.InviteUser }));
            Assert.That(Fake.Users.Single(u => u.Id == 13).Groups!.Single().Id, Is.EqualTo(3022));
        });
    }

    [Test]
    public async Task Users_invite_with_an_unknown_role_name_is_a_usage_error()
    {
        var run = await RunAgainstFakeAsync("users", "invite", "--email", "n@example.com", "--role", "Wizards");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.ErrorLines[0], Does.Contain("Unknown role 'Wizards'").And.Contain("Administrators (1)"));
            Assert.That(run.ErrorLines[1], Is.EqualTo("Run 'gcore-iam users invite --help' for usage."));
            Assert.That(Fake.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task Users_revoke_removes_the_user_and_prints_no_data()
    {
        var run = await RunAgainstFakeAsync("users", "revoke", "3", "--client", "200001", "--yes");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.ErrorLines.Single(), Is.EqualTo("Revoked user 3's access to account 200001."));
            Assert.That(Fake.Users.Select(u => u.Id), Does.Not.Contain(3));
        });
    }

    [Test]
    public async Task Account_prints_the_overview()
    {
        var table = await RunOfflineAsync("account");
        var json = await RunAgainstFakeAsync("account", "--format", "json");
        var csv = await RunAgainstFakeAsync("account", "--format", "csv");

        Assert.Multiple(() =>
        {
            Assert.That(table.ExitCode, Is.Zero, table.ToString());
            Assert.That(table.Out, Does.StartWith("ID            200001\nCOMPANY       Example GmbH\n"));
            Assert.That(table.Out, Does.Contain("SERVICES      CDN=active;CLOUD=new;DNS=active;STORAGE=trial;STREAMING=paused\n"));
            Assert.That(JObject.Parse(json.Out)["companyName"]!.Value<string>(), Is.EqualTo("Example GmbH"));
            Assert.That(JObject.Parse(json.Out)["users"]!.Count(), Is.EqualTo(12));
            Assert.That(csv.Out, Does.StartWith("ID,COMPANY,NAME,EMAIL,STATUS,BILLING,COUNTRY,CURRENT USER,USERS,CAPABILITIES,SERVICES\n200001,Example GmbH,Example,"));
        });
    }

    [Test]
    public async Task Tokens_list_get_create_delete_change_the_account_tokens()
    {
        var list = await RunAgainstFakeAsync("tokens", "list", "--format", "json");
        var get = await RunAgainstFakeAsync("tokens", "get", "2", "--client", "200001");
        var create = await RunAgainstFakeAsync("tokens", "create", "--name", "ci", "--role", "Engineers", "--expires", "2099-12-31", "--description", "pipeline", "--format", "json");
        var delete = await RunAgainstFakeAsync("tokens", "delete", "1", "--yes");
        var after = await RunAgainstFakeAsync("tokens", "list", "--format", "csv");
        var withDeleted = await RunAgainstFakeAsync("tokens", "list", "--deleted", "--format", "json");

        var created = Json(create.Out);
        Assert.Multiple(() =>
        {
            Assert.That(new[] { list.ExitCode, get.ExitCode, create.ExitCode, delete.ExitCode, after.ExitCode, withDeleted.ExitCode }, Is.All.Zero);
            Assert.That(JArray.Parse(list.Out).Select(t => t["id"]!.Value<int>()), Is.EqualTo(new[] { 1, 2 }));
            Assert.That(get.Out, Does.Contain("NAME         purge-cache\n").And.Contain("EXPIRES      never\n"));
            Assert.That(created["id"]!.Value<int>(), Is.EqualTo(4));
            Assert.That(created["token"]!.Value<string>(), Does.StartWith("4_"));
            Assert.That(created["exp_date"]!.Value<string>(), Is.EqualTo("2099-12-31T00:00:00Z"));
            Assert.That(created["client_user"]!["role"]!["name"]!.Value<string>(), Is.EqualTo("Engineers"));
            Assert.That(create.ErrorLines.Single(), Does.Contain("Store its secret now"));
            Assert.That(delete.Out, Is.Empty);
            Assert.That(delete.ErrorLines.Single(), Is.EqualTo("Deleted API token 1 of account 200001."));
            Assert.That(after.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]), Is.EqualTo(new[] { "2", "4" }));
            Assert.That(JArray.Parse(withDeleted.Out).Select(t => t["id"]!.Value<int>()), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        });
    }

    [Test]
    public async Task Tokens_create_never_expiring_sends_null()
    {
        var run = await RunAgainstFakeAsync("tokens", "create", "--name", "forever", "--role", "2", "--expires", "never");

        var body = JObject.Parse(Fake.Requests[^1].Body!);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(body["exp_date"]!.Type, Is.EqualTo(JTokenType.Null));
            Assert.That(run.Out, Does.Contain("EXPIRES      never\n"));
        });
    }

    [Test]
    public async Task Every_command_works_offline_with_fake()
    {
        string[][] commands =
        [
            ["users", "get", "1"],
            ["users", "update", "1", "--phone", "+49 1"],
            ["users", "invite", "--email", "o@example.com", "--role", "Users"],
            ["users", "revoke", "2", "--yes"],
            ["tokens", "list"],
            ["tokens", "get", "1"],
            ["tokens", "create", "--name", "x", "--role", "1", "--expires", "never"],
            ["tokens", "delete", "2", "--yes"],
        ];
        foreach (var command in commands)
        {
            var run = await RunOfflineAsync(command);
            Assert.That(run.ExitCode, Is.Zero, string.Join(" ", command) + "\n" + run);
            Assert.That(run.ErrorLines[0], Does.Contain("built-in fake"), string.Join(" ", command));
        }
    }
}
