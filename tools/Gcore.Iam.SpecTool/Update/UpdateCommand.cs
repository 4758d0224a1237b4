using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gcore.Iam.SpecTool.Check;
using Gcore.Iam.SpecTool.Diff;
using Gcore.Iam.SpecTool.Import;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Update;

/// <summary>
/// <c>update --source FILE|URL</c>: the steps of docs/regenerating.md's routine but the fixture, in one command. Imports in
/// memory first (a refusal writes nothing); keeps the old spec, source record and API listing; writes
/// the new spec; updates the listing (<c>tools/update-public-api.sh</c>, which builds the library;
/// when it fails, the spec is put back, so nothing changes); reports the changes of the spec and the
/// public API; decides the version by docs/versioning.md; drafts a CHANGELOG entry under
/// <c>[Unreleased]</c>; names what the hand-written fixture still lacks.
/// </summary>
internal static partial class UpdateCommand
{
    public const string ListingDir = "src/Gcore.Iam.Generated";
    public const string ListingScript = "tools/update-public-api.sh";
    public const string VersionFile = "src/Directory.Build.props";
    public const string ChangelogFile = "CHANGELOG.md";
    public const string FixtureFile = "tests/Gcore.Iam.SpecTool.Tests/Fixtures/iam-per-product.yaml";

    public static async Task<int> RunAsync(string source, string repo, string outDir, bool skipListing, TextWriter stdout, TextWriter stderr)
    {
        // 1. Check: the whole import, in memory. An ImportException ends here, with nothing written.
        var bytes = await SourceReader.ReadAsync(source).ConfigureAwait(false);
        var specPath = Path.Combine(outDir, Importer.SpecFileName);
        var recordPath = Path.Combine(outDir, Importer.SourceRecordFileName);
        var oldSpec = File.ReadAllText(specPath);
        var oldRecord = File.Exists(recordPath) ? File.ReadAllText(recordPath) : null;
        var result = Importer.Run(bytes, File.ReadAllText(Path.Combine(outDir, Overlay.FileName)), oldRecord is null ? null : JsonNode.Parse(oldRecord) as JsonObject);
        foreach (var note in result.Notes)
        {
            stderr.WriteLine("note: " + note);
        }

        var specChanged = result.SpecYaml != oldSpec;
        if (!specChanged && result.SourceJson == oldRecord)
        {
            stdout.WriteLine($"Nothing to do: {source} imports to the committed spec, byte for byte; no file was written.");
            return Cli.Ok;
        }

        // 2. Keep the old spec and listing (in memory: the report compares against them, and a failure puts them back).
        var listingDir = Path.Combine(repo, ListingDir);
        var oldListing = ApiListingDiff.Load([listingDir]);
        var oldListingFiles = ApiListingDiff.ListingFiles.Select(f => Path.Combine(listingDir, f)).Where(File.Exists).ToDictionary(f => f, File.ReadAllBytes);

        // 3. Import: write the spec and the source record.
        Cli.WriteIfChanged(specPath, result.SpecYaml);
        Cli.WriteIfChanged(recordPath, result.SourceJson);

        // 4. The public API listing: the script builds the library against the new spec.
        IReadOnlyList<Change>? apiChanges = null;
        if (specChanged && !skipListing)
        {
            var code = RunListingScript(repo, stderr);
            if (code != 0)
            {
                File.WriteAllText(specPath, oldSpec);
                if (oldRecord is not null)
                {
                    File.WriteAllText(recordPath, oldRecord);
                }

                foreach (var (file, content) in oldListingFiles)
                {
                    File.WriteAllBytes(file, content);
                }

                stderr.WriteLine($"error: {ListingScript} failed (exit {code}), so the spec, the source record and the listing were put back as they were: " +
                    "read the build errors above (handwritten code that no longer compiles against the new spec), fix them, and run update again.");
                return Cli.Error;
            }

            apiChanges = ApiListingDiff.Compare(oldListing, ApiListingDiff.Load([listingDir]));
        }
        else if (!specChanged)
        {
            apiChanges = [];
        }

        // 5. The change report.
        var oldDoc = (JsonObject)YamlText.Parse(oldSpec)!;
        var newDoc = (JsonObject)YamlText.Parse(result.SpecYaml)!;
        var specChanges = SpecDiff.Compare(oldDoc, newDoc);
        var title = $"From version {(string?)oldDoc["info"]?["version"]} to {(string?)newDoc["info"]?["version"]} of Gcore's description ({source}).";
        stdout.Write(Report.Write("md", title, specChanges, apiChanges));
        if (apiChanges is null)
        {
            stdout.WriteLine($"\nThe public API listing was not updated (--skip-api-listing): run {ListingScript}, then `diff --old-api` against the listing of HEAD.");
        }

        // 6. The version.
        var decision = VersionDecision.Decide(CurrentVersion(repo), Released(listingDir), specChanged, specChanges, apiChanges);
        stdout.WriteLine();
        stdout.WriteLine(decision.Headline());
        foreach (var reason in decision.Reasons)
        {
            stdout.WriteLine("  " + reason);
        }

        // 7. The CHANGELOG draft.
        if (specChanged)
        {
            var entry = ChangelogDraft.Write((string?)newDoc["info"]?["version"] ?? "?", decision, specChanges, apiChanges);
            var changelog = Path.Combine(repo, ChangelogFile);
            if (File.Exists(changelog))
            {
                File.WriteAllText(changelog, ChangelogDraft.Insert(File.ReadAllText(changelog), entry));
                stdout.WriteLine($"\nA draft entry is under {ChangelogDraft.Heading} in {ChangelogFile}:\n");
            }

            stdout.Write(entry);
        }

        // 8. What is left by hand: the fixture.
        stdout.WriteLine();
        stdout.WriteLine(FixtureAdvice(repo, outDir, newDoc));
        return Cli.Ok;
    }

    /// <summary>Where the hand-written fixture's import still differs from the new spec: the changes to make in it by hand.</summary>
    private static string FixtureAdvice(string repo, string outDir, JsonObject newSpec)
    {
        var fixture = Path.Combine(repo, FixtureFile);
        if (!File.Exists(fixture))
        {
            return $"No fixture at {FixtureFile}: nothing to bring along.";
        }

        JsonObject imported;
        try
        {
            imported = (JsonObject)YamlText.Parse(Importer.Run(File.ReadAllBytes(fixture), File.ReadAllText(Path.Combine(outDir, Overlay.FileName))).SpecYaml)!;
        }
        catch (ImportException e)
        {
            return $"The fixture {FixtureFile} no longer imports ({e.Message}): bring it along by hand (docs/regenerating.md, step 2 of the routine).";
        }

        var expected = (JsonObject)newSpec.DeepClone();
        expected["info"]!["version"] = "x";
        imported["info"]!["version"] = "x";
        var differences = new List<string>();
        DriftCheck.Differences(expected, imported, "", differences);
        return differences.Count == 0
            ? $"The fixture {FixtureFile} already imports to the new spec: no fixture change is needed."
            : $"Left by hand: make in {FixtureFile}, in this project's own words, the change Gcore made, until its import is the new spec " +
              "(docs/regenerating.md, step 2 of the routine); where it differs now (expected = the new spec, actual = the fixture's import):\n  " + string.Join("\n  ", differences);
    }

    private static int RunListingScript(string repo, TextWriter stderr)
    {
        stderr.WriteLine($"running {ListingScript} (it builds the library against the new spec) ...");
        var start = new ProcessStartInfo("bash", [ListingScript]) { WorkingDirectory = repo, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new IOException($"Could not start bash {ListingScript}.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { stderr.WriteLine("  " + e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { stderr.WriteLine("  " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string CurrentVersion(string repo)
    {
        var props = Path.Combine(repo, VersionFile);
        var match = File.Exists(props) ? VersionPrefix().Match(File.ReadAllText(props)) : Match.Empty;
        return match.Success ? match.Groups[1].Value : throw new FormatException($"No <VersionPrefix> in {VersionFile}.");
    }

    /// <summary>Whether a version has shipped: PublicAPI.Shipped.txt lists a symbol.</summary>
    private static bool Released(string listingDir)
    {
        var shipped = Path.Combine(listingDir, "PublicAPI.Shipped.txt");
        return File.Exists(shipped) && File.ReadLines(shipped).Any(l => l.Trim() is { Length: > 0 } t && !t.StartsWith('#'));
    }

    [GeneratedRegex("<VersionPrefix>([^<]+)</VersionPrefix>")]
    private static partial Regex VersionPrefix();
}
