using Gcore.Iam.SpecTool.Check;

namespace Gcore.Iam.SpecTool.Tests;

[TestFixture]
public class DriftCheckTests
{
    private string _openapi = null!;

    [SetUp]
    public void CopyCommittedOpenApi()
    {
        _openapi = Path.Combine(Repo.TempDir("drift"), "openapi");
        Repo.CopyDir(Repo.OpenApiDir, _openapi);
    }

    [TearDown]
    public void RemoveCopy() => Directory.Delete(Path.GetDirectoryName(_openapi)!, recursive: true);

    [Test]
    public void Passes_on_the_committed_spec()
    {
        Assert.That(DriftCheck.Run(_openapi), Is.Empty);
    }

    [Test]
    public void Names_a_hand_edit_with_its_place_expected_and_actual()
    {
        var spec = Path.Combine(_openapi, "gcore-iam.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("format: int64", "format: int32", StringComparison.Ordinal));

        var problems = DriftCheck.Run(_openapi);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("/components/schemas/User/properties/client/format: expected \"int64\", actual \"int32\""));
    }

    [Test]
    public void Names_an_added_and_a_removed_member()
    {
        var spec = Path.Combine(_openapi, "gcore-iam.yaml");
        var text = File.ReadAllText(spec)
            .Replace("  /iam/clients/me:\n", "  /iam/clients/me:\n    summary: added by hand\n", StringComparison.Ordinal)
            .Replace("      summary: List users\n", "", StringComparison.Ordinal);
        File.WriteAllText(spec, text);

        var problems = DriftCheck.Run(_openapi);

        Assert.That(problems, Has.Some.Contains("/paths/~1iam~1users/get/summary: expected \"List users\", actual: missing"));
        Assert.That(problems, Has.Some.Contains("/paths/~1iam~1clients~1me/summary: expected: absent, actual \"added by hand\""));
    }

    [Test]
    public void Catches_a_formatting_only_change()
    {
        var spec = Path.Combine(_openapi, "gcore-iam.yaml");
        File.WriteAllText(spec, File.ReadAllText(spec).Replace("openapi: 3.0.3", "openapi: \"3.0.3\"", StringComparison.Ordinal));

        var problems = DriftCheck.Run(_openapi);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("same content, different formatting").And.Contain("line 1"));
    }

    [Test]
    public void Catches_a_changed_source_that_was_not_imported()
    {
        var source = Path.Combine(_openapi, "source", "gcore-openapi.json");
        File.WriteAllBytes(source, Repo.V2);

        var problems = DriftCheck.Run(_openapi);

        Assert.That(problems, Has.Some.Contains("the source changed since the import"));
        Assert.That(problems, Has.Some.Contains("/info/version: expected \"2026.12.0\", actual \"2026.11.1\""));
    }

    [Test]
    public async Task The_command_exits_1_on_drift_and_0_when_clean()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var clean = await Cli.RunAsync(["import", "--check", "--out", _openapi], stdout, stderr);

        var spec = Path.Combine(_openapi, "gcore-iam.yaml");
        File.AppendAllText(spec, "x-extra: 1\n");
        var drifted = await Cli.RunAsync(["import", "--check", "--out", _openapi], stdout, stderr);

        Assert.Multiple(() =>
        {
            Assert.That(clean, Is.EqualTo(Cli.Ok));
            Assert.That(drifted, Is.EqualTo(Cli.Found));
            Assert.That(stderr.ToString(), Does.Contain("/x-extra: expected: absent, actual 1"));
        });
    }

    [Test]
    public async Task Import_then_check_round_trips_through_the_command_line()
    {
        var dir = Path.Combine(Path.GetDirectoryName(_openapi)!, "fresh");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var imported = await Cli.RunAsync(["import", "--source", Repo.Fixture("gcore-openapi-v2.json"), "--out", dir], stdout, stderr);
        var checkedCode = await Cli.RunAsync(["import", "--check", "--out", dir], stdout, stderr);

        Assert.Multiple(() =>
        {
            Assert.That(imported, Is.EqualTo(Cli.Ok), stderr.ToString());
            Assert.That(checkedCode, Is.EqualTo(Cli.Ok), stderr.ToString());
            Assert.That(File.ReadAllBytes(Path.Combine(dir, "source", "gcore-openapi.json")), Is.EqualTo(Repo.V2));
        });
    }
}
