using System.CommandLine;
using System.CommandLine.Help;

namespace Gcore.Iam.Cli;

/// <summary>
/// The help pages: a command's own options first, then the global ones every command has, then
/// an example or two (<see cref="Examples"/>).
/// </summary>
internal static class Help
{
    private const string Name = "gcore-iam";

    /// <summary>Examples per command (its path after "gcore-iam"): what a person would type.</summary>
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        [""] = ["gcore-iam users list --fake", "GCORE_API_KEY=... gcore-iam users list --all -o csv > users.csv"],
        ["users"] = ["gcore-iam users list", "gcore-iam users get 3 -o json"],
        ["users list"] = ["gcore-iam users list --limit 20 --offset 40", "gcore-iam users list --all --output jsonl | jq .email"],
        ["users get"] = ["gcore-iam users get 3", "gcore-iam users get 3 -o json"],
        ["users update"] = ["gcore-iam users update 4 --name \"Li Wei\" --clear-phone", "gcore-iam users update 4 --lang de"],
        ["users invite"] = ["gcore-iam users invite --email new@example.com --role Users", "gcore-iam users invite --email ops@example.com --role Engineers --account 200001"],
        ["users revoke"] = ["gcore-iam users revoke 3", "gcore-iam users revoke 3 --account 200001 --yes"],
        ["users role"] = ["gcore-iam users role get 3", "gcore-iam users role set 3 --role Engineers"],
        ["users role get"] = ["gcore-iam users role get 3", "gcore-iam users role get 3 --account 200001 -o json"],
        ["users role set"] = ["gcore-iam users role set 3 --role Engineers", "gcore-iam users role set 3 --role 5 --yes --account 200001"],
        ["users email"] = ["gcore-iam users email 3 --new-email ivan@example.org", "printf '%s\\n' \"$PASSWORD\" | gcore-iam users email 3 --new-email ivan@example.org --yes"],
        ["users password"] = ["gcore-iam users password 3", "printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | gcore-iam users password 3 --yes"],
        ["users forgot-password"] = ["gcore-iam users forgot-password --email john.doe@example.com"],
        ["account"] = ["gcore-iam account", "gcore-iam account -o json"],
        ["account create"] = ["gcore-iam account create --company \"Example Labs GmbH\""],
        ["activity"] = ["gcore-iam activity logins"],
        ["activity logins"] = ["gcore-iam activity logins --limit 10", "gcore-iam activity logins --all -o csv > logins.csv"],
        ["login"] = ["gcore-iam login --fake --username john.doe@example.com", "GCORE_PASSWORD=... gcore-iam login --username you@example.com --account 200001"],
        ["tokens"] = ["gcore-iam tokens list", "gcore-iam tokens create --name ci --role Engineers --expires 2027-12-31"],
        ["tokens list"] = ["gcore-iam tokens list", "gcore-iam tokens list --deleted -o json"],
        ["tokens get"] = ["gcore-iam tokens get 2"],
        ["tokens create"] = ["gcore-iam tokens create --name ci --role Engineers --expires 2027-12-31", "gcore-iam tokens create --name nightly --role Users --expires 2027-06-30T18:00:00+02:00"],
        ["tokens delete"] = ["gcore-iam tokens delete 2", "gcore-iam tokens delete 2 --yes --account 200001"],
        ["verify"] = ["gcore-iam verify", "gcore-iam verify --write --account 200001 -o json > verify.json"],
        ["completion"] = ["gcore-iam completion bash >> ~/.bashrc", "gcore-iam completion powershell >> $PROFILE"],
    };

    /// <summary>Gives every help page of <paramref name="root"/> this layout.</summary>
    public static void Configure(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new PageAction();
    }

    /// <summary>Whether help was asked for (it is shown even when the rest of the line has mistakes).</summary>
    internal static bool IsHelp(ParseResult parse) => parse.Action is PageAction;

    /// <summary>The examples of a command, by its path after the tool's name ("users list").</summary>
    internal static IReadOnlyList<string> ExamplesOf(string path) => Examples.TryGetValue(path, out var examples) ? examples : [];

    internal static IEnumerable<string> Paths => Examples.Keys;

    /// <summary>Writes the help page of <paramref name="command"/>.</summary>
    internal static void Write(Command command, TextWriter output)
    {
        var path = PathOf(command);
        var name = path.Length == 0 ? Name : Name + " " + path;
        output.WriteLine("Description:");
        output.WriteLine("  " + command.Description);
        output.WriteLine();

        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        var usage = name + string.Concat(arguments.Select(a => $" <{a.Name}>")) + (subcommands.Count > 0 ? " [command]" : "") + " [options]";
        output.WriteLine("Usage:");
        output.WriteLine("  " + usage);

        Rows(output, "Arguments:", arguments.Select(a => ($"<{a.Name}>", a.Description ?? "")));
        Rows(output, "Commands:", subcommands.Select(c => (c.Name + string.Concat(c.Arguments.Where(a => !a.Hidden).Select(a => $" <{a.Name}>")), c.Description ?? "")));
        if (command is not RootCommand)
        {
            Rows(output, "Options:", command.Options.Where(o => !o.Hidden).Select(Row));
        }

        var global = command is RootCommand
            ? command.Options.Where(o => !o.Hidden).ToList()
            : Ancestors(command).SelectMany(p => p.Options.Where(o => o.Recursive && !o.Hidden)).ToList();
        Rows(output, command is RootCommand ? "Options (every command has them):" : "Global options:", global.Select(Row));

        var examples = ExamplesOf(path);
        if (examples.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine("  " + example);
            }
        }

        output.WriteLine();
    }

    private static (string Left, string Right) Row(Option option)
    {
        var names = string.Join(", ", option.Aliases.Append(option.Name).Where(n => n.StartsWith('-')).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal));
        var takesValue = option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;
        var value = takesValue ? $" <{option.HelpName ?? option.Name.TrimStart('-').ToUpperInvariant()}>" : "";
        var required = option.Required ? " (REQUIRED)" : "";
        return (names + value, (option.Description ?? "") + required);
    }

    private static void Rows(TextWriter output, string heading, IEnumerable<(string Left, string Right)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        output.WriteLine();
        output.WriteLine(heading);
        var width = Math.Min(list.Max(r => r.Left.Length), 40) + 4;
        foreach (var (left, right) in list)
        {
            var lines = Wrap(right, Math.Max(40, 120 - width)).ToList();
            var first = "  " + left;
            if (first.Length + 2 > width)
            {
                output.WriteLine(first);
                first = "";
            }

            for (var i = 0; i < lines.Count; i++)
            {
                output.WriteLine((i == 0 ? first : "").PadRight(width) + lines[i]);
            }
        }
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        yield return line;
    }

    private static IEnumerable<Command> Ancestors(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            yield return parent;
        }
    }

    private static string PathOf(Command command) =>
        command is RootCommand ? "" : string.Join(' ', Ancestors(command).Where(c => c is not RootCommand).Reverse().Select(c => c.Name).Append(command.Name));

    /// <summary>The help option's action: this layout, for the command the help was asked of.</summary>
    private sealed class PageAction : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            Write(parseResult.CommandResult.Command, parseResult.InvocationConfiguration.Output);
            return ExitCodes.Success;
        }
    }
}
