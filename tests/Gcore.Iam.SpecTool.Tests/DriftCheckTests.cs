using Gcore.Iam.SpecTool.Check;

namespace Gcore.Iam.SpecTool.Tests;

/// <summary>
/// The drift check CI runs offline (Gcore's description is not committed), and the one a maintainer
/// runs against a downloaded description.
/// </summary>
[TestFixture]
public class DriftCheckTests
{
    private string _openapi = null!;

    [SetUp]
    public void CopyCommittedOpenApi() => _openapi = Repo.CopyOfOpenApi("drift");

    [TearDown]
    public void RemoveCopy() => Directory.Delete(_openapi, recursive: true);

    private string Spec => Path.Combine(_openapi, "gcore-iam.yaml");

    [Test]
    public void Passes_offline_on_the_committed_spec()
    {
        Assert.That(DriftCheck.Run(_openapi), Is.Empty);
    }

    [Test]
    public void Offline_catches_a_hand_edit()
    {
        File.WriteAllText(Spec, File.ReadAllText(Spec).Replace("format: int64", "format: int32", StringComparison.Ordinal));

        Assert.That(DriftCheck.Run(_openapi), Has.Some.Contains("edited by hand"));
    }

    [Test]
    public async Task Against_the_source_names_a_hand_edit_by_its_place_with_expected_and_actual()
    {
        var source = await ImportFixture();
        File.WriteAllText(Spec, File.ReadAllText(Spec).Replace("format: int64", "format: int32", StringComparison.Ordinal));

        var problems = DriftCheck.Run(_openapi, source);

        Assert.That(problems, Has.Some.Contains("/components/schemas/User/properties/client/format: expected \"int64\", actual \"int32\""));
    }

    [Test]
    public void Catches_a_description_changed_in_the_overlay_without_a_new_import()
    {
        var overlay = Path.Combine(_openapi, "descriptions.overlay.yaml");
        File.WriteAllText(overlay, File.ReadAllText(overlay).Replace("summary: Page through the users", "summary: Page through every user", StringComparison.Ordinal));

        var problems = DriftCheck.Run(_openapi);

        Assert.That(problems, Has.Some.Contains("/paths/~1iam~1users/get/summary: expected \"Page through every user\", actual \"Page through the users\""));
    }

    [Test]
    public void Compares_required_lists_as_sets()
    {
        var text = File.ReadAllText(Spec);
        var reordered = text.Replace("        - count\n        - results\n", "        - results\n        - count\n", StringComparison.Ordinal);
        Assert.That(reordered, Is.Not.EqualTo(text), "the envelope's required list is in the spec");
        var expected = Repo.Tree(text);
        var actual = Repo.Tree(reordered);
        var differences = new List<string>();

        DriftCheck.Differences(expected, actual, "", differences);

        Assert.That(differences, Is.Empty);
    }

    [Test]
    public async Task Says_how_many_differences_it_did_not_show()
    {
        var source = await ImportFixture();
        File.WriteAllText(Spec, File.ReadAllText(Spec).Replace("readOnly: true", "readOnly: false", StringComparison.Ordinal));

        var problems = DriftCheck.Run(_openapi, source);

        Assert.That(problems, Has.Some.Match(@"gcore-iam\.yaml: \d+ more difference\(s\) not shown"));
    }

    /// <summary>Imports the per-product fixture into the copy, as a maintainer imports a downloaded file.</summary>
    private async Task<string> ImportFixture()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(["import", "--source", Repo.Fixture("iam-per-product.yaml"), "--out", _openapi], stdout, stderr);
        Assert.That(code, Is.EqualTo(Cli.Ok), stderr.ToString());
        return Repo.Fixture("iam-per-product.yaml");
    }

    [Test]
    public void Against_a_downloaded_description_names_what_an_import_would_change()
    {
        var source = Path.Combine(_openapi, "next.json");
        File.WriteAllBytes(source, Repo.Next());

        var problems = DriftCheck.Run(_openapi, source);

        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Some.Contains("is not the description last imported"));
            Assert.That(problems, Has.Some.Contains("/components/schemas/AccountOverview/properties/timezone: expected: absent").Or.Some.Contains("timezone"));
        });
    }

    [Test]
    public async Task The_command_exits_1_on_drift_and_0_when_clean()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var clean = await Cli.RunAsync(["import", "--check", "--out", _openapi], stdout, stderr);

        var source = await ImportFixture();
        File.AppendAllText(Spec, "x-extra: 1\n");
        var drifted = await Cli.RunAsync(["import", "--check", "--out", _openapi], stdout, stderr);
        var named = await Cli.RunAsync(["import", "--check", "--source", source, "--out", _openapi], stdout, stderr);

        Assert.Multiple(() =>
        {
            Assert.That(clean, Is.EqualTo(Cli.Ok), stderr.ToString());
            Assert.That(drifted, Is.EqualTo(Cli.Found));
            Assert.That(named, Is.EqualTo(Cli.Found));
            Assert.That(stderr.ToString(), Does.Contain("edited by hand").And.Contain("/x-extra: expected: absent, actual 1"));
        });
    }

    [Test]
    public async Task Import_then_check_round_trips_through_the_command_line_for_both_forms()
    {
        foreach (var fixture in new[] { Repo.Fixture("iam-per-product.yaml"), Repo.AggregatedFile() })
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            var imported = await Cli.RunAsync(["import", "--source", fixture, "--out", _openapi], stdout, stderr);
            var offline = await Cli.RunAsync(["import", "--check", "--out", _openapi], stdout, stderr);
            var against = await Cli.RunAsync(["import", "--check", "--source", fixture, "--out", _openapi], stdout, stderr);

            Assert.Multiple(() =>
            {
                Assert.That(imported, Is.EqualTo(Cli.Ok), stderr.ToString());
                Assert.That(offline, Is.EqualTo(Cli.Ok), stderr.ToString());
                Assert.That(against, Is.EqualTo(Cli.Ok), stderr.ToString());
            });
        }
    }
}
