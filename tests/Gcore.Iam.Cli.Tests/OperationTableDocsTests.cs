using System.Text.RegularExpressions;
using NSwag;

namespace Gcore.Iam.Cli.Tests;

/// <summary>
/// The operation tables of the docs (README's methods, docs/cli.md's commands, docs/testing-with-the-fake.md's
/// routes) are written by the import from the operation table (tools/Gcore.Iam.SpecTool/Import/DocTables.cs; the
/// drift check holds them). These tests hold what the table declares to the CLI that exists: every operation of
/// the spec (read at run time; its CLI command is the table's <c>x-gcore-cli</c>, its walker <c>x-gcore-paging</c>)
/// has its method in README and a command with a row in docs/cli.md, and that row's options are the command's own.
/// </summary>
[TestFixture]
public sealed partial class OperationTableDocsTests : CliTestBase
{
    private static readonly Lazy<IReadOnlyList<DocOperation>> Operations = new(Load);

    private static IEnumerable<TestCaseData> All() => Operations.Value.Select(o => new TestCaseData(o).SetArgDisplayNames(o.Id));

    [Test]
    public void The_spec_has_operations_with_commands() =>
        Assert.That(Operations.Value.Where(o => o.Cli is null).Select(o => o.Id), Is.Empty, "every operation names its gcore-iam command (x-gcore-cli)");

    [TestCaseSource(nameof(All))]
    public void README_lists_the_method_in_its_area(DocOperation operation)
    {
        var rows = Lines("README.md").Where(l => l.StartsWith($"| `{operation.Area}` (`I{operation.Area}Client`)", StringComparison.Ordinal)).ToList();
        var row = string.Join("\n", rows);

        Assert.That(rows, Is.Not.Empty, $"README's operation table has no row for the area {operation.Area}");
        Assert.Multiple(() =>
        {
            Assert.That(row, Does.Contain($"`{operation.Method}Async("), "the method");
            if (operation.Walker is not null)
            {
                Assert.That(row, Does.Contain($"`{operation.Walker}Async("), "the walker of the paged list");
            }
        });
    }

    [TestCaseSource(nameof(All))]
    public async Task Cli_md_lists_the_command_with_the_options_the_CLI_has(DocOperation operation)
    {
        var words = operation.Cli!.Split(' ');
        var command = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var selecting = words.Where(w => w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var row = Lines("docs/cli.md").Select(l => FirstCell().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)
            .FirstOrDefault(r => r == string.Join(' ', command) || r.StartsWith(string.Join(' ', command) + " ", StringComparison.Ordinal));

        var help = await RunOfflineAsync([.. command, "--help"]);
        var own = OwnOptions(help.Out);

        Assert.Multiple(() =>
        {
            Assert.That(help.ExitCode, Is.Zero, help.ToString());
            Assert.That(row, Is.Not.Null, $"docs/cli.md has no row for `{operation.Cli}` (the import writes it from the row's Cli)");
            Assert.That(selecting.Where(o => !help.Out.Contains(o, StringComparison.Ordinal)), Is.Empty, "the options that select the operation are the command's");
            var documented = Option().Matches(row ?? "").Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
            var global = documented.Where(o => !own.Contains(o) && !help.Out.Contains(o, StringComparison.Ordinal));
            Assert.That(global, Is.Empty, $"docs/cli.md's row `{row}` names options that `{string.Join(' ', command)} --help` does not have");
            Assert.That(own.Where(o => !documented.Contains(o)), Is.Empty, $"docs/cli.md's row `{row}` leaves out options of `{string.Join(' ', command)}` (the row's Usage in the operation table)");
        });
    }

    /// <summary>The long options of the help's own "Options:" section (before "Global options:").</summary>
    private static HashSet<string> OwnOptions(string help)
    {
        var start = help.IndexOf("\nOptions:", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var end = help.IndexOf("\nGlobal options:", start, StringComparison.Ordinal);
        var section = help[start..(end < 0 ? help.Length : end)];
        return section.Split('\n').Where(l => l.StartsWith("  -", StringComparison.Ordinal))
            .SelectMany(l => Option().Matches(l.Split("  ", 3, StringSplitOptions.RemoveEmptyEntries)[0]).Select(m => m.Value))
            .Where(o => o != "--help").ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>One operation as the docs name it.</summary>
    public sealed record DocOperation(string Id, string Area, string Method, string? Cli, string? Walker)
    {
        public override string ToString() => Id;
    }

    [GeneratedRegex(@"^\| `([^`]+)`")]
    private static partial Regex FirstCell();

    [GeneratedRegex(@"--[a-z][a-z-]*")]
    private static partial Regex Option();

    private static string[] Lines(string file) => File.ReadAllLines(Path.Combine(RepoRoot(), file));

    private static List<DocOperation> Load()
    {
        var spec = OpenApiYamlDocument.FromFileAsync(Path.Combine(RepoRoot(), "openapi", "gcore-iam.yaml")).GetAwaiter().GetResult();
        return spec.Paths.SelectMany(path => path.Value.Select(o =>
        {
            var id = o.Value.OperationId;
            var area = id[..id.IndexOf('_', StringComparison.Ordinal)];
            var extensions = o.Value.ExtensionData ?? new Dictionary<string, object?>();
            var walker = extensions.TryGetValue("x-gcore-paging", out var paging) ? Member(paging, "walker") : null;
            return new DocOperation(id, area, id[(area.Length + 1)..], (extensions.TryGetValue("x-gcore-cli", out var cli) ? cli?.ToString() : null), walker);
        })).ToList();
    }

    /// <summary>A member of an extension object, however the YAML reader represents it.</summary>
    private static string? Member(object? value, string name) => value switch
    {
        IDictionary<string, object?> map => map.TryGetValue(name, out var v) ? v?.ToString() : null,
        Newtonsoft.Json.Linq.JObject json => (string?)json[name],
        System.Collections.IDictionary map => map.Contains(name) ? map[name]?.ToString() : null,
        _ => null,
    };

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gcore.Iam.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Gcore.Iam.Generated.sln was not found above " + AppContext.BaseDirectory);
    }
}
