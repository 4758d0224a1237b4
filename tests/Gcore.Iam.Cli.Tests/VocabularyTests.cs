using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using Gcore.Iam.Testing;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests;

/// <summary>One vocabulary: --account everywhere, --output, "did you mean", messages in the tool's words, ISO dates.</summary>
[TestFixture]
public class VocabularyTests : CliTestBase
{
    [Test]
    public async Task An_account_a_command_cannot_use_is_a_usage_error_not_ignored()
    {
        var run = await RunAgainstFakeAsync("users", "get", "1", "--account", "5");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.ErrorLines[0], Does.StartWith("gcore-iam: 'gcore-iam users get' does not work in one account, so --account 5 would change nothing"));
            Assert.That(run.ErrorLines[1], Is.EqualTo("Run 'gcore-iam users get --help' for usage."));
            Assert.That(Fake.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task Account_is_the_same_option_in_every_account_command_and_client_is_still_accepted()
    {
        var tokens = await RunAgainstFakeAsync("tokens", "list", "--account", "200001", "-o", "json");
        var role = await RunAgainstFakeAsync("users", "role", "get", "3", "--account", "200001", "-o", "json");
        var old = await RunAgainstFakeAsync("tokens", "get", "1", "--client", "200001", "-o", "json");

        Assert.Multiple(() =>
        {
            Assert.That(new[] { tokens.ExitCode, role.ExitCode, old.ExitCode }, Is.All.Zero, tokens + "\n" + role + "\n" + old);
            Assert.That(Fake.Requests.Select(r => r.Operation), Does.Not.Contain(FakeOperation.GetAccountOverview));
        });
    }

    [TestCase("-o", "JSON")]
    [TestCase("--output", "json")]
    [TestCase("--format", "Json")]
    public async Task Output_is_the_long_name_of_o_and_values_are_case_insensitive(string option, string value)
    {
        var run = await RunAgainstFakeAsync("users", "get", "1", option, value);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(JObject.Parse(run.Out)["id"]!.Value<int>(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_mistyped_command_gets_did_you_mean()
    {
        var run = await RunOfflineAsync("user", "list");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Out, Is.Empty);
            Assert.That(run.ErrorLines[0], Is.EqualTo("gcore-iam: 'user' is not a command of 'gcore-iam'. Did you mean 'users'?"));
            Assert.That(run.Error, Does.Not.Contain("Required command was not provided"));
            Assert.That(run.ErrorLines[^1], Is.EqualTo("Run 'gcore-iam --help' for usage."));
        });
    }

    [Test]
    public async Task A_mistyped_option_gets_did_you_mean()
    {
        var run = await RunOfflineAsync("tokens", "list", "--acount", "5");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.ErrorLines[0], Does.Contain("'--acount'").And.Contain("Did you mean '--account'?"));
        });
    }

    [Test]
    public async Task An_id_too_large_for_its_type_says_so()
    {
        var run = await RunOfflineAsync("users", "get", "99999999999");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.ErrorLines[0], Is.EqualTo("gcore-iam: ID must be a whole number of at least 1; '99999999999' is too large (the largest is 2147483647)."));
        });
    }

    [TestCase("01/02/2027", "ISO 8601")]
    [TestCase("31.12.2027", "ISO 8601")]
    [TestCase("2027-12-31 10:00", "has no time zone: add Z for UTC (2027-12-31T10:00Z)")]
    [TestCase("2027-12-31T10:00:00", "has no time zone")]
    public async Task Expiry_dates_are_ISO_8601_and_a_time_needs_its_zone(string expires, string message)
    {
        var run = await RunAgainstFakeAsync("tokens", "create", "--name", "x", "--role", "Users", "--expires", expires);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.ErrorLines[0], Does.Contain(message));
            Assert.That(run.ErrorLines[1], Is.EqualTo("Run 'gcore-iam tokens create --help' for usage."));
            Assert.That(Fake.Requests.Select(r => r.Operation), Does.Not.Contain(FakeOperation.CreateApiToken));
        });
    }

    [TestCase("2027-12-31", "2027-12-31T00:00:00Z")]
    [TestCase("2027-12-31T18:00+02:00", "2027-12-31T16:00:00Z")]
    [TestCase("2027-12-31 18:00:30Z", "2027-12-31T18:00:30Z")]
    public void Expiry_dates_become_UTC(string expires, string sent) => Assert.That(CliApp.ParseExpiry(expires), Is.EqualTo(sent));

    [Test]
    public async Task A_plain_http_base_url_on_another_machine_names_the_cli_flag()
    {
        var run = await RunAsync(new Dictionary<string, string> { ["GCORE_API_KEY"] = "42_key-1234567", ["GCORE_BASE_URL"] = "http://10.0.0.5:8080/" }, "account");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(6), run.ToString());
            Assert.That(run.ErrorLines.Single(), Does.Contain("10.0.0.5").And.Contain("--allow-insecure-http"));
            Assert.That(CliWording.NamesLibraryType(run.Error), Is.False, run.Error);
        });
    }

    [Test]
    public async Task A_timeout_names_the_cli_option_not_the_librarys()
    {
        Fake.FailNext(FakeFault.Delayed(TimeSpan.FromSeconds(5)));

        var run = await RunAgainstFakeAsync("account", "--timeout", "1", "--retries", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
            Assert.That(run.ErrorLines.Single(), Does.StartWith("gcore-iam: GET /iam/clients/me got no answer within the attempt timeout of 1 s").And.EndWith("retry later, or raise --timeout."));
            Assert.That(CliWording.NamesLibraryType(run.Error), Is.False, run.Error);
        });
    }

    [Test]
    public void Library_messages_are_said_in_the_tools_words()
    {
        // The library's own texts (as its advice, timeouts and login errors write them), in the tool's words.
        string[] library =
        [
            "401 Unauthorized from GET /iam/clients/me: the credentials were rejected; check the API key (GCORE_API_KEY, or " + nameof(GcoreIamClientOptions) + ".ApiKey), or the Username and Password of a login.",
            "Refusing to send the credentials over plain HTTP to h. Use https, or set " + nameof(GcoreIamClientOptions) + ".AllowInsecureHttp for a trusted network.",
            "GET /x got no answer within the attempt timeout of 1 s (1 attempt(s)). Gcore or the network is slow; retry later, or raise " + nameof(GcoreIamClientOptions) + ".AttemptTimeout.",
            "400 from POST /iam/auth/jwt/login: Gcore refused the login. Check " + nameof(GcoreIamClientOptions) + ".Username and Password.",
            "Something new. Set " + nameof(GcoreIamClientOptions) + ".SomethingNew to fix it.",
        ];

        Assert.Multiple(() =>
        {
            Assert.That(library.Select(CliWording.ForCli).Where(CliWording.NamesLibraryType), Is.Empty);
            Assert.That(CliWording.ForCli(library[0]), Does.Contain("check the API key (GCORE_API_KEY or --api-key)"));
            Assert.That(CliWording.ForCli(library[1]), Does.EndWith("pass --allow-insecure-http if the network to it is trusted."));
            Assert.That(CliWording.ForCli(library[2]), Does.EndWith("retry later, or raise --timeout."));
            Assert.That(CliWording.ForCli(library[4]), Is.EqualTo("Something new."));
        });
    }

    [Test]
    public void No_message_of_the_tool_names_a_library_type()
    {
        // Every string literal of the tool's assembly (messages, descriptions, help, examples) against the library's type names and AddGcoreIam.
        var dll = typeof(CliApp).Assembly.Location;
        using var pe = new PEReader(File.OpenRead(dll));
        var metadata = pe.GetMetadataReader();
        var literals = new List<string>();
        for (var handle = MetadataTokens.UserStringHandle(1); !handle.IsNil; handle = metadata.GetNextHandle(handle))
        {
            literals.Add(metadata.GetUserString(handle));
        }

        var library = typeof(GcoreIamClient).Assembly;
        var names = library.GetExportedTypes().Select(t => t.Name.Split('`')[0])
            .Concat(library.GetExportedTypes().SelectMany(t => t.GetMethods()).Where(m => m.Name.StartsWith("Add", StringComparison.Ordinal)).Select(m => m.Name))
            .Where(n => Regex.Count(n, "[A-Z]") >= 2) // compound names only: "User" is also a word
            .Distinct()
            .ToList();
        var found = literals.SelectMany(l => names.Where(n => Regex.IsMatch(l, $@"\b{n}\b")).Select(n => $"{n} in \"{l}\"")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(literals, Has.Count.GreaterThan(100), "the literals were read");
            Assert.That(names, Does.Contain("GcoreIamClientOptions").And.Contain("GcoreIamRequestOptions").And.Contain("AddGcoreIam"));
            Assert.That(found, Is.Empty);
        });
    }
}
