using Gcore.Iam.Testing;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests;

/// <summary>The commands of the operations beyond users and tokens: login, roles, e-mail, password, accounts, the login log.</summary>
[TestFixture]
public class AccessCommandTests : CliTestBase
{
    private Task<CliRun> RunLoggedInAsync(string? stdin, params string[] args) =>
        RunWithInputAsync(new Dictionary<string, string> { [CliContext.PasswordEnvironmentVariable] = GcoreIamFakeSeed.DefaultPassword }, stdin,
            [.. args, "--username", "john.doe@example.com", "--base-url", Fake.BaseUrl.ToString()]);

    [Test]
    public async Task Login_logs_in_selects_the_account_and_never_prints_a_token()
    {
        var run = await RunLoggedInAsync(null, "login", "--account", "200777", "--refresh");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[]
            {
                FakeOperation.LogIn, FakeOperation.SelectAccount, FakeOperation.RefreshToken, FakeOperation.GetAccountOverview,
            }));
            Assert.That(run.Out, Does.Match("ID +200001"));
            Assert.That(run.ErrorLines.Last(), Does.StartWith("Logged in to account ").And.Contain("refreshed").And.Contain("expires at"));
            Assert.That(run.Out + run.Error, Does.Not.Contain("eyJ").And.Not.Contain(GcoreIamFakeSeed.DefaultPassword));
        });
    }

    [Test]
    public async Task Login_reads_the_password_from_stdin_and_a_wrong_one_is_an_API_error_without_it()
    {
        var run = await RunWithInputAsync(new Dictionary<string, string>(), "wrong-Passw0rd-42\n",
            "login", "--username", "john.doe@example.com", "--password-stdin", "--base-url", Fake.BaseUrl.ToString());

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Error, Does.Contain("No active account found with the given credentials."));
            Assert.That(run.Out + run.Error, Does.Not.Contain("wrong-Passw0rd-42"));
        });
    }

    [Test]
    public async Task Every_command_works_as_the_logged_in_user()
    {
        var run = await RunLoggedInAsync(null, "users", "get", "3");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("ivan.petrov@example.com"));
            Assert.That(Fake.Requests.Select(r => r.AuthScheme), Is.EqualTo(new string?[] { null, "Bearer" }));
        });
    }

    [Test]
    public async Task Users_role_set_then_get_shows_the_new_role()
    {
        var set = await RunAgainstFakeAsync("users", "role", "set", "3", "--role", "Engineers", "--yes");
        var get = await RunAgainstFakeAsync("users", "role", "get", "3", "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(set.ExitCode, Is.Zero, set.ToString());
            Assert.That(set.ErrorLines.Last(), Does.Contain("User 3 is now Engineers in account 200001"));
            Assert.That(get.ExitCode, Is.Zero, get.ToString());
            Assert.That(JObject.Parse(get.Out)["id"]!.Value<int>(), Is.EqualTo(5));
            Assert.That(Fake.Users.Single(u => u.Id == 3).Groups!.Single().Id, Is.EqualTo(5));
        });
    }

    [Test]
    public async Task Users_email_takes_the_password_from_stdin()
    {
        var run = await RunAgainstFakeWithInputAsync(GcoreIamFakeSeed.DefaultPassword + "\n", "users", "email", "3", "--new-email", "ivan@example.org", "--yes");
        var none = await RunAgainstFakeWithInputAsync(null, "users", "email", "3", "--new-email", "ivan@example.net", "--yes");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(Fake.Users.Single(u => u.Id == 3).Email, Is.EqualTo("ivan@example.org"));
            Assert.That(none.ExitCode, Is.EqualTo(2), none.ToString());
            Assert.That(none.Error, Does.Contain("stdin"));
        });
    }

    [Test]
    public async Task Users_password_reads_the_old_and_new_passwords_from_stdin()
    {
        var run = await RunAgainstFakeWithInputAsync(GcoreIamFakeSeed.DefaultPassword + "\nbrand-new-Passw0rd\n", "users", "password", "3", "--yes");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out + run.Error, Does.Not.Contain("brand-new-Passw0rd").And.Not.Contain("eyJ"));
            Assert.That(Fake.Requests.Single().Operation, Is.EqualTo(FakeOperation.ChangePassword));
        });
    }

    [Test]
    public async Task Users_forgot_password_account_create_and_activity_logins()
    {
        var forgot = await RunAgainstFakeAsync("users", "forgot-password", "--email", "john.doe@example.com");
        var create = await RunAgainstFakeAsync("account", "create", "--company", "Example Labs GmbH", "--format", "json");
        var logins = await RunAgainstFakeAsync("activity", "logins", "--all", "--format", "csv");

        Assert.Multiple(() =>
        {
            Assert.That(forgot.ExitCode, Is.Zero, forgot.ToString());
            Assert.That(forgot.ErrorLines.Last(), Does.Contain("john.doe@example.com"));
            Assert.That(create.ExitCode, Is.Zero, create.ToString());
            Assert.That(JObject.Parse(create.Out)["company"]!.Value<string>(), Is.EqualTo("Example Labs GmbH"));
            Assert.That(logins.ExitCode, Is.Zero, logins.ToString());
            Assert.That(logins.Out.Split('\n')[0].TrimEnd('\r'), Is.EqualTo("ID,AT,USER,SUCCESS,AUTH,IP,USER AGENT"));
            Assert.That(logins.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1, Is.EqualTo(Fake.Logins.Count));
        });
    }

    [Test]
    public async Task Activity_logins_all_starts_at_the_offset_given()
    {
        var run = await RunAgainstFakeAsync("activity", "logins", "--all", "--offset", "2", "--limit", "2", "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(JArray.Parse(run.Out).Select(l => l["id"]!.Value<int>()), Is.EqualTo(Fake.Logins.Skip(2).Select(l => l.Id)));
        });
    }

    /// <summary>
    /// One run of a command per operation, each valid against the fake's sample data (its account is 200001; the password
    /// of every user is the seed's). <see cref="Every_operation_of_the_spec_has_a_command_that_calls_it"/> runs them against
    /// the fake, and the generated-answer tests (<c>Answers/GeneratedAnswerTests.cs</c>) against answers made from the schemas.
    /// </summary>
    internal static readonly CommandRun[] EveryOperationRuns =
    [
        new(["login", "--account", "200777", "--refresh"], Login: true),
        new(["users", "list"]),
        new(["users", "get", "1"]),
        new(["users", "update", "1", "--phone", "+49 1"]),
        new(["users", "invite", "--email", "new.user@example.com", "--role", "Users"]),
        new(["users", "revoke", "4", "--account", "200001", "--yes"]),
        new(["users", "role", "set", "3", "--role", "Engineers", "--yes"]),
        new(["users", "role", "get", "3"]),
        new(["users", "email", "3", "--new-email", "ivan@example.org", "--yes"], GcoreIamFakeSeed.DefaultPassword + "\n"),
        new(["users", "password", "3", "--yes"], GcoreIamFakeSeed.DefaultPassword + "\nbrand-new-Passw0rd\n"),
        new(["users", "forgot-password", "--email", "john.doe@example.com"]),
        new(["account"]),
        new(["account", "create", "--company", "Example Labs GmbH"]),
        new(["activity", "logins"]),
        new(["tokens", "list"]),
        new(["tokens", "get", "1"]),
        new(["tokens", "create", "--name", "ci", "--role", "Users", "--expires", "never"]),
        new(["tokens", "delete", "2", "--yes"]),
    ];

    [Test]
    public async Task Every_operation_of_the_spec_has_a_command_that_calls_it()
    {
        // An operation the spec gains fails this test until a run of its command is in EveryOperationRuns.
        var runs = new List<CliRun>();
        foreach (var run in EveryOperationRuns)
        {
            runs.Add(run.Login ? await RunLoggedInAsync(run.Stdin, run.Args) : await RunAgainstFakeWithInputAsync(run.Stdin, run.Args));
        }

        var served = Fake.Requests.Where(r => r.StatusCode is >= 200 and < 300).Select(r => r.Operation).ToHashSet();

        Assert.Multiple(() =>
        {
            Assert.That(runs.Where(r => r.ExitCode != 0).Select(r => r.ToString()), Is.Empty);
            Assert.That(Enum.GetValues<FakeOperation>().Where(o => o != FakeOperation.Unknown).Except(served), Is.Empty, "operations no command called with success");
        });
    }

    private Task<CliRun> RunAgainstFakeWithInputAsync(string? stdin, params string[] args) =>
        RunWithInputAsync(new Dictionary<string, string>(), stdin, [.. args, "--api-key", Fake.ApiKey, "--base-url", Fake.BaseUrl.ToString()]);
}

/// <summary>A run of a command: its arguments, the lines stdin gives, and whether it logs in (a username and password) instead of using an API key.</summary>
internal sealed record CommandRun(string[] Args, string? Stdin = null, bool Login = false)
{
    public override string ToString() => string.Join(' ', Args);
}
