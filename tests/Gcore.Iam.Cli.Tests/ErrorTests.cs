using Gcore.Iam.Testing;

namespace Gcore.Iam.Cli.Tests;

[TestFixture]
public class ErrorTests : CliTestBase
{
    [Test]
    public async Task An_API_error_is_one_line_with_status_message_and_request_id_and_exit_3()
    {
        var run = await RunAgainstFakeAsync("users", "get", "999", "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.ErrorLines, Is.EqualTo(new[] { "gcore-iam: 404 Not Found from GET /iam/users/999: no such object; check the id. Gcore says: \"User not found.\". Request id: fake-000001." }));
        });
    }

    [Test]
    public async Task A_rejected_key_is_exit_3_and_never_printed()
    {
        const string key = "42_wrongWrongWrong0123456789";
        var run = await RunAsync(new Dictionary<string, string> { ["GCORE_API_KEY"] = key, ["GCORE_BASE_URL"] = Fake.BaseUrl.ToString() }, "account");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.ErrorLines.Single(), Does.StartWith("gcore-iam: 401 Unauthorized from GET /iam/clients/me:").And.Contain("Gcore says: \"Invalid API token.\""));
            Assert.That(run.ErrorLines.Single(), Does.Contain("check the API key (GCORE_API_KEY or --api-key)"));
            Assert.That(run.Error + run.Out, Does.Not.Contain(key).And.Not.Contain(Fake.ApiKey));
        });
    }

    [Test]
    public async Task Validation_errors_name_the_fields()
    {
        var run = await RunAgainstFakeAsync("users", "update", "1", "--lang", "xx");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.ErrorLines.Single(), Does.Contain("400 Bad Request").And.Contain("fields are invalid: lang").And.Contain("Request id: fake-"));
        });
    }

    [Test]
    public async Task Rate_limiting_says_when_to_retry()
    {
        Fake.FailNext(FakeFault.RateLimited(TimeSpan.FromSeconds(7)));

        var run = await RunAgainstFakeAsync("tokens", "list", "--client", "200001", "--retries", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
            Assert.That(run.ErrorLines.Single(), Does.Contain("429 Too Many Requests").And.Contain("retry after 7 s"));
        });
    }

    [Test]
    public async Task One_server_error_is_retried_and_the_command_succeeds()
    {
        Fake.FailNext(FakeFault.ServerError(503));

        var run = await RunAgainstFakeAsync("account", "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
            Assert.That((int)Json(run.Out)["id"]!, Is.EqualTo(200001));
            Assert.That(Fake.Requests, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public async Task Retries_outside_0_to_10_are_a_usage_error()
    {
        var run = await RunAgainstFakeAsync("account", "--retries", "11");

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--retries must be a whole number from 0 to 10"));
    }

    [Test]
    public async Task A_dropped_connection_is_a_network_error_exit_4()
    {
        Fake.FailNext(FakeFault.DropConnection(), times: 3);

        var run = await RunAgainstFakeAsync("account");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
            Assert.That(run.ErrorLines.Single(), Does.StartWith("gcore-iam: GET /iam/clients/me could not reach Gcore"));
            Assert.That(run.Out, Is.Empty);
        });
    }

    [Test]
    public async Task A_server_that_is_not_there_is_a_network_error_exit_4()
    {
        var fake = GcoreIamFakeServer.Start();
        var url = fake.BaseUrl.ToString();
        await fake.DisposeAsync();

        var run = await RunAsync(new Dictionary<string, string>(), "users", "list", "--api-key", "42_some-key-123456789", "--base-url", url);

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
    }

    [Test]
    public async Task A_malformed_answer_is_exit_5()
    {
        Fake.FailNext(FakeFault.MalformedBody());

        var run = await RunAgainstFakeAsync("users", "get", "1");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(5), run.ToString());
            Assert.That(run.ErrorLines.Single(), Does.Contain("could not be read"));
        });
    }

    [Test]
    public async Task A_bad_base_url_or_a_url_without_a_key_is_a_configuration_error_exit_6()
    {
        var badUrl = await RunAsync(new Dictionary<string, string>(), "account", "--api-key", "42_key-1234567", "--base-url", "not a url");
        var noKey = await RunAsync(new Dictionary<string, string> { ["GCORE_BASE_URL"] = "https://api.gcore.com" }, "account");

        Assert.Multiple(() =>
        {
            Assert.That(badUrl.ExitCode, Is.EqualTo(6), badUrl.ToString());
            Assert.That(badUrl.ErrorLines.Single(), Does.Contain("not an absolute http(s) URL"));
            Assert.That(noKey.ExitCode, Is.EqualTo(6), noKey.ToString());
            Assert.That(noKey.ErrorLines.Single(), Does.Contain("no API key"));
        });
    }

    [TestCase("frobnicate")]
    [TestCase("users", "get", "abc")]
    [TestCase("users", "get", "0")]
    [TestCase("users", "list", "--format", "xml")]
    [TestCase("users", "list", "--limit", "5000")]
    [TestCase("users", "revoke", "3")]
    [TestCase("users", "invite", "--email", "a@example.com")]
    [TestCase("tokens", "create", "--name", "x", "--role", "1")]
    [TestCase("tokens", "create", "--name", "x", "--role", "1", "--expires", "soon")]
    [TestCase("users")]
    [TestCase("users", "list", "--limit", "abc")]
    [TestCase("users", "list", "--offset", "-1")]
    [TestCase("tokens", "list", "--client", "x")]
    [TestCase("users", "update", "1", "--clear-name", "--clear-name", "extra")]
    public async Task Usage_errors_are_exit_2_with_a_hint_and_no_data(params string[] args)
    {
        var run = await RunOfflineAsync(args);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.Error, Does.StartWith("gcore-iam: ").Or.Contain("\ngcore-iam: "));
        });
    }

    [Test]
    public async Task A_bad_number_names_the_argument()
    {
        var run = await RunOfflineAsync("users", "get", "abc");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.ErrorLines[0], Is.EqualTo("gcore-iam: ID must be a whole number of at least 1; got 'abc'."));
            Assert.That(run.ErrorLines[1], Is.EqualTo("Run 'gcore-iam users get --help' for usage."));
        });
    }

    [Test]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        var run = await RunOfflineAsync("--help");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain("users").And.Contain("account").And.Contain("tokens").And.Contain("--format"));
        });
    }

    [Test]
    public async Task The_key_from_the_environment_is_used_and_no_fake_is_started()
    {
        var run = await RunAsync(
            new Dictionary<string, string> { ["GCORE_API_KEY"] = Fake.ApiKey, ["GCORE_BASE_URL"] = Fake.BaseUrl.ToString() },
            "users", "get", "1", "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Error, Is.Empty);
            Assert.That(Fake.Requests.Single().Authorized, Is.True);
        });
    }
}
