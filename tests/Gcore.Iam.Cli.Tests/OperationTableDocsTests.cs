using System.Text.RegularExpressions;
using NSwag;

namespace Gcore.Iam.Cli.Tests;

/// <summary>
/// The operation tables of the docs (README's methods, docs/cli.md's commands, docs/testing-with-the-fake.md's
/// routes) held to the operation table: every operation of the spec (read at run time; its CLI command is the
/// table's <c>x-gcore-cli</c>, its walker <c>x-gcore-paging</c>) appears in each, and the CLI has the command.
/// An operation added to the table fails these tests until the docs name it.
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
    public async Task Cli_md_lists_the_command_and_the_CLI_has_it(DocOperation operation)
    {
        var words = operation.Cli!.Split(' ');
        var command = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var options = words.Where(w => w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var rows = Lines("docs/cli.md").Select(l => FirstCell().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList();

        var help = await RunOfflineAsync([.. command, "--help"]);

        Assert.Multiple(() =>
        {
            Assert.That(rows.Any(r => (r == string.Join(' ', command) || r.StartsWith(string.Join(' ', command) + " ", StringComparison.Ordinal)) && options.All(r.Contains)),
                Is.True, $"docs/cli.md has no row for `{operation.Cli}`");
            Assert.That(help.ExitCode, Is.Zero, help.ToString());
            Assert.That(options.Where(o => !help.Out.Contains(o, StringComparison.Ordinal)), Is.Empty, "the command's options");
        });
    }

    [TestCaseSource(nameof(All))]
    public void The_fakes_doc_lists_the_route(DocOperation operation)
    {
        var routes = Lines("docs/testing-with-the-fake.md").Select(l => FirstCell().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value.Split(' '))
            .Where(cell => cell.Length == 2)
            .Select(cell => (Methods: cell[0].Split('/'), Path: Parameter().Replace(cell[1], "{}")))
            .ToList();

        Assert.That(routes.Any(r => r.Methods.Contains(operation.HttpMethod) && r.Path == Parameter().Replace(operation.Path, "{}")), Is.True,
            $"docs/testing-with-the-fake.md has no row for {operation.HttpMethod} {operation.Path}");
    }

    /// <summary>One operation as the docs name it.</summary>
    public sealed record DocOperation(string Id, string Area, string Method, string HttpMethod, string Path, string? Cli, string? Walker)
    {
        public override string ToString() => Id;
    }

    [GeneratedRegex(@"^\| `([^`]+)`")]
    private static partial Regex FirstCell();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();

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
            return new DocOperation(id, area, id[(area.Length + 1)..], o.Key.ToUpperInvariant(), path.Key, (extensions.TryGetValue("x-gcore-cli", out var cli) ? cli?.ToString() : null), walker);
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
