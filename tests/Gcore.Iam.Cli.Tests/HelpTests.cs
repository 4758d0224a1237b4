namespace Gcore.Iam.Cli.Tests;

/// <summary>Help pages (own options, then global ones, then examples) and shell completion.</summary>
[TestFixture]
public class HelpTests : CliTestBase
{
    [Test]
    public async Task A_commands_help_shows_its_own_options_first_then_the_global_ones_then_examples()
    {
        var run = await RunAsync(new Dictionary<string, string>(), "users", "revoke", "--help");

        var own = run.Out.IndexOf("\nOptions:", StringComparison.Ordinal);
        var global = run.Out.IndexOf("\nGlobal options:", StringComparison.Ordinal);
        var examples = run.Out.IndexOf("\nExamples:", StringComparison.Ordinal);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Error, Is.Empty);
            Assert.That(own, Is.GreaterThan(0), run.Out);
            Assert.That(global, Is.GreaterThan(own));
            Assert.That(examples, Is.GreaterThan(global));
            Assert.That(run.Out[own..global], Does.Contain("-y, --yes").And.Contain("--dry-run").And.Not.Contain("--api-key"));
            Assert.That(run.Out[global..examples], Does.Contain("--api-key").And.Contain("--account <ID>").And.Not.Contain("--client"));
            Assert.That(run.Out[examples..], Does.Contain("gcore-iam users revoke 3"));
        });
    }

    [Test]
    public async Task Every_command_has_help_with_an_example()
    {
        // Every command the tool has (found by walking the help pages' command lists), not a list kept here.
        var pending = new Queue<string[]>([[]]);
        var seen = new List<string>();
        while (pending.TryDequeue(out var command))
        {
            var run = await RunAsync(new Dictionary<string, string>(), [.. command, "--help"]);
            seen.Add(string.Join(' ', command));
            Assert.That(run.ExitCode, Is.Zero, string.Join(' ', command) + "\n" + run);
            Assert.That(run.Out, Does.Contain("\nExamples:\n  gcore-iam " + string.Join(' ', command)), string.Join(' ', command));
            foreach (var sub in Subcommands(run.Out))
            {
                pending.Enqueue([.. command, sub]);
            }
        }

        Assert.That(seen, Does.Contain("users list").And.Contain("tokens delete").And.Contain("completion"), "the walk reached the commands");
    }

    /// <summary>The names in a help page's "Commands:" list.</summary>
    private static IEnumerable<string> Subcommands(string help)
    {
        var start = help.IndexOf("\nCommands:\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        return help[(start + "\nCommands:\n".Length)..].Split('\n').TakeWhile(l => l.Length > 0)
            .Where(l => l.StartsWith("  ", StringComparison.Ordinal) && l.Length > 2 && l[2] != ' ')
            .Select(l => l.Trim().Split(' ')[0]);
    }

    [TestCase("bash", "complete -o default -F _gcore_iam_complete gcore-iam")]
    [TestCase("zsh", "compdef _gcore_iam_complete gcore-iam")]
    [TestCase("powershell", "Register-ArgumentCompleter -Native -CommandName gcore-iam")]
    public async Task Completion_prints_the_script_for_each_shell(string shell, string line)
    {
        var run = await RunAsync(new Dictionary<string, string>(), "completion", shell);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out, Does.Contain(line).And.Contain("[suggest:"));
            Assert.That(run.Error, Is.Empty);
        });
    }

    [TestCase("gcore-iam us", "users")]
    [TestCase("gcore-iam users li", "list")]
    [TestCase("gcore-iam tokens delete 1 --y", "--yes")]
    [TestCase("gcore-iam users list -o j", "json")]
    public async Task The_scripts_ask_the_tool_which_completes_commands_options_and_values(string line, string expected)
    {
        var run = await RunAsync(new Dictionary<string, string>(), $"[suggest:{line.Length}]", line);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Out.Split('\n', StringSplitOptions.TrimEntries), Does.Contain(expected));
        });
    }
}
