using System.CommandLine;
using System.CommandLine.Help;
using System.Runtime.CompilerServices;

namespace Gcore.Iam.Cli;

/// <summary>
/// The help pages: a command's own options first, then the global ones every command has, then
/// an example or two (set by each command's file where it makes the command: <see cref="SetExamples"/>).
/// </summary>
internal static class Help
{
    private const string Name = "gcore-iam";

    /// <summary>Each command's examples, set where the command is made (<see cref="SetExamples"/>).</summary>
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    /// <summary>Gives every help page of <paramref name="root"/> this layout.</summary>
    public static void Configure(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new PageAction();
    }

    /// <summary>Whether help was asked for (it is shown even when the rest of the line has mistakes).</summary>
    internal static bool IsHelp(ParseResult parse) => parse.Action is PageAction;

    /// <summary>Sets the examples of <paramref name="command"/>'s help page: what a person would type, each a whole command line.</summary>
    internal static void SetExamples(Command command, params string[] examples) => Examples.AddOrUpdate(command, examples);

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

        if (Examples.TryGetValue(command, out var examples) && examples.Length > 0)
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
