using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Check;
using Gcore.Iam.SpecTool.Diff;
using Gcore.Iam.SpecTool.Import;
using Gcore.Iam.SpecTool.Json;
using Gcore.Iam.SpecTool.Update;

namespace Gcore.Iam.SpecTool;

/// <summary>
/// The command line. Exit codes: 0 fine (update: done, or nothing to do); 1 drift found (import --check)
/// or a breaking change found (diff); 2 bad arguments, unreadable input, or a refused import (update
/// then writes nothing).
/// </summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Found = 1;
    public const int Error = 2;

    public const string Usage = """
        Gcore.Iam.SpecTool: keeps openapi/ in step with Gcore's published OpenAPI description.

          import --source <file> [--out <dir>]   import Gcore's description (the per-product IAM YAML or the
                                                 aggregated JSON, OpenAPI 3.1/3.0) into <dir> (default
                                                 openapi/): gcore-iam.yaml and source.json; a file whose
                                                 bytes would not change is left untouched
          import --check [--source <file>] [--out <dir>]
                                                 exit 1, naming the differences, when <dir> is not what the
                                                 import makes: of <file> (a downloaded description), or,
                                                 offline, what the import wrote and the client's own
                                                 tables (fixes, overlay, contract) make of it
          diff --old <spec> --new <spec> [--old-api <file|dir>]... [--new-api <file|dir>]... [--format md|text]
                                                 list and classify every change; exit 1 when one is breaking.
                                                 --old-api/--new-api compare PublicAPI.*.txt listings (a dir
                                                 means its PublicAPI.Shipped.txt + PublicAPI.Unshipped.txt);
                                                 either pair may be given alone
          update --source <file|https-url> [--repo <dir>] [--out <dir>] [--skip-api-listing]
                                                 docs/regenerating.md's routine in one command: import (in
                                                 memory first: a refused description writes nothing),
                                                 update the public API listing (tools/update-public-api.sh),
                                                 print the change report of the spec and the public API, the
                                                 version bump docs/versioning.md gives with its reasons, and
                                                 a CHANGELOG draft (put under [Unreleased]); name the fixture
                                                 changes left by hand. --repo: the repository root (default
                                                 .); --out: default <repo>/openapi
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            var code = args.FirstOrDefault() switch
            {
                "update" => await Update(Options.Parse(args[1..]), stdout, stderr).ConfigureAwait(false),
                "import" => Import(Options.Parse(args[1..]), stdout, stderr),
                "diff" => DiffCommand(Options.Parse(args[1..]), stdout),
                "help" or "--help" or "-h" => Help(stdout),
                _ => Help(stderr, Error),
            };
            return code;
        }
        catch (Exception e) when (e is ImportException or ArgumentException or IOException or FormatException or SharpYaml.YamlException or System.Text.Json.JsonException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return Error;
        }
    }

    private static int Help(TextWriter to, int code = Ok)
    {
        to.WriteLine(Usage);
        return code;
    }

    private static int Import(Options options, TextWriter stdout, TextWriter stderr)
    {
        var outDir = options.Single("--out") ?? "openapi";
        if (options.Flag("--check"))
        {
            var checkedSource = options.Single("--source");
            var problems = DriftCheck.Run(outDir, checkedSource);
            var against = checkedSource is null ? "the import wrote (offline: the client's own stages run again)" : $"the import makes from {checkedSource}";
            if (problems.Count == 0)
            {
                stdout.WriteLine($"{outDir} is what {against}.");
                return Ok;
            }

            stderr.WriteLine($"{outDir} is not what {against} (expected = the import's output, actual = the file):");
            foreach (var problem in problems)
            {
                stderr.WriteLine("  " + problem);
            }

            stderr.WriteLine("Run the import again (see docs/regenerating.md) instead of editing openapi/ by hand.");
            return Found;
        }

        var source = options.Single("--source") ?? throw new ArgumentException("import needs --source <file> (or --check).");
        var bytes = File.ReadAllBytes(source);
        var overlay = File.ReadAllText(Path.Combine(outDir, Overlay.FileName));
        var recordPath = Path.Combine(outDir, Importer.SourceRecordFileName);
        var previous = File.Exists(recordPath) ? JsonNode.Parse(File.ReadAllText(recordPath)) as JsonObject : null;
        var result = Importer.Run(bytes, overlay, previous);

        var written = new[] { (Importer.SpecFileName, result.SpecYaml), (Importer.SourceRecordFileName, result.SourceJson) }
            .Where(f => WriteIfChanged(Path.Combine(outDir, f.Item1), f.Item2)).Select(f => f.Item1).ToList();

        // The docs' tables of operations are generated from the spec (DocTables), in the repository above openapi/.
        foreach (var (file, text, expected) in DocTables.Expected(Path.Combine(outDir, ".."), (JsonObject)YamlText.Parse(result.SpecYaml)))
        {
            if (expected != text)
            {
                File.WriteAllText(Path.Combine(outDir, "..", file), expected);
                written.Add(Path.Combine("..", file));
            }
        }

        foreach (var note in result.Notes)
        {
            stderr.WriteLine("note: " + note);
        }

        stdout.WriteLine(written.Count == 0
            ? $"{outDir} is unchanged: the import of {source} gives the same bytes ({ClientContract.Operations.Count} operations)."
            : $"wrote {string.Join(" and ", written.Select(w => Path.Combine(outDir, w)))} ({ClientContract.Operations.Count} operations, {SpecFixes.All.Count} fixes known) from {source}");
        return Ok;
    }

    /// <summary>Writes <paramref name="content"/> unless the file already holds it; identical bytes leave the file untouched, so its time stamp does not make NSwag run again.</summary>
    /// <returns>Whether the file was written.</returns>
    internal static bool WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return false;
        }

        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
        return true;
    }

    private static Task<int> Update(Options options, TextWriter stdout, TextWriter stderr)
    {
        var source = options.Single("--source") ?? throw new ArgumentException("update needs --source <file|https-url>.");
        var repo = options.Single("--repo") ?? ".";
        var outDir = options.Single("--out") ?? Path.Combine(repo, "openapi");
        return UpdateCommand.RunAsync(source, repo, outDir, options.Flag("--skip-api-listing"), stdout, stderr);
    }

    private static int DiffCommand(Options options, TextWriter stdout)
    {
        var format = options.Single("--format") ?? "md";
        if (format is not ("md" or "text"))
        {
            throw new ArgumentException("--format is md or text.");
        }

        var oldSpec = options.Single("--old");
        var newSpec = options.Single("--new");
        var oldApi = options.Many("--old-api");
        var newApi = options.Many("--new-api");
        if ((oldSpec is null) != (newSpec is null) || (oldApi.Count == 0) != (newApi.Count == 0) || oldSpec is null && oldApi.Count == 0)
        {
            throw new ArgumentException("diff needs --old and --new, and/or --old-api and --new-api.");
        }

        IReadOnlyList<Change>? specChanges = null;
        string? title = null;
        if (oldSpec is not null && newSpec is not null)
        {
            var oldDoc = LoadSpec(oldSpec);
            var newDoc = LoadSpec(newSpec);
            specChanges = SpecDiff.Compare(oldDoc, newDoc);
            title = $"From `{oldSpec}` (version {(string?)oldDoc["info"]?["version"]}) to `{newSpec}` (version {(string?)newDoc["info"]?["version"]}).";
        }

        IReadOnlyList<Change>? apiChanges = null;
        if (oldApi.Count > 0)
        {
            apiChanges = ApiListingDiff.Compare(ApiListingDiff.Load(oldApi), ApiListingDiff.Load(newApi));
        }

        var report = Report.Write(format, title, specChanges, apiChanges);
        stdout.Write(report);
        var breaking = (specChanges ?? []).Concat(apiChanges ?? []).Any(c => c.Breaking);
        return breaking ? Found : Ok;
    }

    private static JsonObject LoadSpec(string path) =>
        YamlText.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException($"{path} is not an OpenAPI document.");

    /// <summary>--name value pairs and bare --flags.</summary>
    private sealed class Options
    {
        private static readonly HashSet<string> Flags = ["--check", "--skip-api-listing"];
        private static readonly HashSet<string> Known = ["--source", "--out", "--check", "--old", "--new", "--old-api", "--new-api", "--format", "--repo", "--skip-api-listing"];
        private readonly List<(string Name, string? Value)> _items = [];

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (var i = 0; i < args.Length; i++)
            {
                var name = args[i];
                if (!Known.Contains(name))
                {
                    throw new ArgumentException($"unknown option {name}\n{Usage}");
                }

                if (Flags.Contains(name))
                {
                    options._items.Add((name, null));
                }
                else if (i + 1 < args.Length)
                {
                    options._items.Add((name, args[++i]));
                }
                else
                {
                    throw new ArgumentException($"{name} needs a value.");
                }
            }

            return options;
        }

        public bool Flag(string name) => _items.Any(i => i.Name == name);

        public string? Single(string name)
        {
            var values = Many(name);
            return values.Count switch
            {
                0 => null,
                1 => values[0],
                _ => throw new ArgumentException($"{name} may be given once."),
            };
        }

        public List<string> Many(string name) => _items.Where(i => i.Name == name).Select(i => i.Value!).ToList();
    }
}
