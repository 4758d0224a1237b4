using Gcore.Iam.Testing;
using Gcore.Iam.Testing.Spec;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests;

/// <summary>
/// <c>gcore-iam verify</c> against the fake: a clean fake gives no rows and exit 0; each of the
/// fake's deviation switches is reported exactly once, by operation and JSON pointer, with exit 7;
/// <c>--write</c> leaves no token behind, also when a step fails.
/// </summary>
[TestFixture]
public class VerifyCommandTests : CliTestBase
{
    private const string TestTokenPrefix = "gcore-iam-verify-";

    [Test]
    public async Task A_clean_fake_gives_no_deviation_and_exit_0()
    {
        var run = await RunAgainstFakeAsync("verify", "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(Json(run.Out), Is.EqualTo(new JArray()), "no rows");
            Assert.That(run.Error, Does.Contain("6 answers checked against the spec, 0 deviations"));
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EquivalentTo(new[]
            {
                FakeOperation.GetAccountOverview, FakeOperation.ListUsers, FakeOperation.GetUser, FakeOperation.GetRole,
                FakeOperation.ListApiTokens, FakeOperation.ListLogins,
            }), "every read-only operation the credential reaches, nothing else");
        });
    }

    // The fake's rule: the first member by name that the deviation fits (AccountOverview's members, ordinal).
    [TestCase(GcoreIamDeviationKind.MemberAbsent, "/bill_type")]
    [TestCase(GcoreIamDeviationKind.MemberExtra, "/" + GcoreIamFakeServer.ExtraMemberName)]
    [TestCase(GcoreIamDeviationKind.WrongType, "/bill_type")]
    [TestCase(GcoreIamDeviationKind.WholeNumberAsFloat, "/currentUser")]
    [TestCase(GcoreIamDeviationKind.UnknownEnumValue, "/status")]
    [TestCase(GcoreIamDeviationKind.NullNotNullable, "/bill_type")]
    [TestCase(GcoreIamDeviationKind.OtherStatus, "")]
    [TestCase(GcoreIamDeviationKind.OtherShape, "")]
    public async Task Each_deviation_is_reported_once_with_its_operation_and_pointer(GcoreIamDeviationKind kind, string location)
    {
        Fake.Deviate(FakeOperation.GetAccountOverview, kind);

        var run = await RunAgainstFakeAsync("verify", "--format", "json");

        var rows = (JArray)Json(run.Out);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(7), run.ToString());
            Assert.That(rows, Has.Count.EqualTo(1), run.ToString());
            Assert.That((string?)rows[0]["Operation"], Is.EqualTo("Account_GetAccountOverview"));
            Assert.That((string?)rows[0]["Deviation"], Is.EqualTo(kind.ToString()));
            Assert.That((string?)rows[0]["Pointer"], Is.EqualTo(location));
            Assert.That((string?)rows[0]["Expected"], Is.Not.Empty);
            Assert.That((string?)rows[0]["Seen"], Is.Not.Empty);
            Assert.That(run.ErrorLines.Last(), Does.Contain("the API parts from the spec in 1 place"));
        });
    }

    [Test]
    public async Task A_deviation_in_an_array_answer_is_pointed_at_in_its_item()
    {
        Fake.Deviate(FakeOperation.ListApiTokens, GcoreIamDeviationKind.WholeNumberAsFloat);

        var run = await RunAgainstFakeAsync("verify");

        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(7), run.ToString());
            Assert.That(lines[0], Does.StartWith("OPERATION").And.Contain("POINTER").And.Contain("EXPECTED").And.Contain("SEEN"));
            Assert.That(lines, Has.Length.EqualTo(2), "a header and one row");
            Assert.That(lines[1], Does.Contain("ApiTokens_ListApiTokens").And.Contain("/0/id").And.Contain("WholeNumberAsFloat").And.Contain("integer"));
        });
    }

    [Test]
    public async Task Write_creates_reads_and_deletes_a_token_and_checks_each_answer()
    {
        var run = await RunAgainstFakeAsync("verify", "--write", "--account", Fake.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Error, Does.Contain("9 answers checked"));
            Assert.That(Fake.Requests.Select(r => r.Operation).Where(o => o is FakeOperation.CreateApiToken or FakeOperation.GetApiToken or FakeOperation.DeleteApiToken),
                Is.EqualTo(new[] { FakeOperation.CreateApiToken, FakeOperation.GetApiToken, FakeOperation.DeleteApiToken }));
            Assert.That(LiveTestTokens(), Is.Empty, "the test token is deleted");
        });
    }

    [Test]
    public async Task Write_without_an_account_is_a_usage_error_and_creates_nothing()
    {
        var run = await RunAgainstFakeAsync("verify", "--write");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("--write needs --account"));
            Assert.That(Fake.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task Write_deletes_the_token_when_reading_it_fails_halfway()
    {
        Fake.FailNext(FakeFault.ServerError(500), operation: FakeOperation.GetApiToken);

        var run = await RunAgainstFakeAsync("verify", "--write", "--account", Fake.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--retries", "0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(3), "the check is incomplete: Gcore's error decides the exit code\n" + run);
            Assert.That(Fake.Requests.Count(r => r.Operation == FakeOperation.GetApiToken && r.StatusCode == 500), Is.EqualTo(1), "the server saw the failed read");
            Assert.That(Fake.Requests.Count(r => r.Operation == FakeOperation.DeleteApiToken && r.StatusCode is 200 or 204), Is.EqualTo(1), "and then the delete");
            Assert.That(LiveTestTokens(), Is.Empty, "no token is left behind");
        });
    }

    [Test]
    public async Task Write_finds_and_deletes_the_token_when_the_answer_to_creating_it_is_lost()
    {
        // The token is created, but its id never comes back: the run's unique name finds it.
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.CreateApiToken);

        var run = await RunAgainstFakeAsync("verify", "--write", "--account", Fake.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
            Assert.That(Fake.Requests.Count(r => r.Operation == FakeOperation.CreateApiToken), Is.EqualTo(1), "a creation is never sent twice");
            Assert.That(Fake.ApiTokens.Count(t => t.Name.StartsWith(TestTokenPrefix, StringComparison.Ordinal)), Is.EqualTo(1), "it was created");
            Assert.That(LiveTestTokens(), Is.Empty, "and deleted");
        });
    }

    [Test]
    public async Task A_deviating_created_token_is_reported_and_its_secret_never_shown()
    {
        Fake.Deviate(FakeOperation.CreateApiToken, GcoreIamDeviationKind.OtherShape);

        var run = await RunAgainstFakeAsync("verify", "--write", "--account", Fake.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");

        var rows = (JArray)Json(run.Out);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.EqualTo(7), run.ToString());
            Assert.That(rows.Select(r => $"{r["Operation"]} {r["Deviation"]}"), Is.EqualTo(new[] { "ApiTokens_CreateApiToken OtherShape" }));
            Assert.That(LiveTestTokens(), Is.Empty, "the id is read from the deviating answer, and the token deleted");
            Assert.That(run.Out + run.Error, Does.Not.Match("[0-9a-f]{64}"), "no secret in the output");
        });
    }

    private List<ApiToken> LiveTestTokens() => Fake.ApiTokens.Where(t => t.Name.StartsWith(TestTokenPrefix, StringComparison.Ordinal) && !t.Deleted).ToList();
}
