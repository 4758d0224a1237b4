using System.CommandLine;
using System.CommandLine.Parsing;

namespace Gcore.Iam.Cli;

/// <summary>
/// Writes the command line's mistakes to stderr, one a line, with "did you mean" for a mistyped
/// command or option and the --help hint of the command that was reached.
/// </summary>
internal static class ParseErrors
{
    private const string Name = "gcore-iam";

    public static async Task WriteAsync(ParseResult parse, TextWriter error)
    {
        var command = parse.CommandResult.Command;
        var unmatched = parse.UnmatchedTokens;
        var suggested = false;
        foreach (var token in unmatched)
        {
            var candidates = token.StartsWith('-')
                ? OptionsOf(parse.CommandResult).SelectMany(o => new[] { o.Name }.Concat(o.Aliases)).Where(n => n.StartsWith("--", StringComparison.Ordinal))
                : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
            var closest = Closest(token, candidates.Distinct());
            if (closest.Count > 0)
            {
                var what = token.StartsWith('-') ? "an option" : "a command";
                await error.WriteLineAsync($"{Name}: '{token}' is not {what} of '{Path(parse.CommandResult)}'. Did you mean {string.Join(" or ", closest.Select(c => $"'{c}'"))}?").ConfigureAwait(false);
                suggested = true;
                break;
            }
        }

        foreach (var parseError in parse.Errors)
        {
            // The suggestion above says it better than "Required command was not provided." and "Unrecognized command or argument".
            if (suggested && (parseError.Message.StartsWith("Required command", StringComparison.Ordinal) || parseError.Message.StartsWith("Unrecognized", StringComparison.Ordinal)))
            {
                continue;
            }

            await error.WriteLineAsync($"{Name}: {parseError.Message}").ConfigureAwait(false);
        }

        await error.WriteLineAsync($"Run '{Path(parse.CommandResult)} --help' for usage.").ConfigureAwait(false);
    }

    /// <summary>The names within two edits of <paramref name="typed"/> (or starting with it), closest first.</summary>
    internal static IReadOnlyList<string> Closest(string typed, IEnumerable<string> names)
    {
        var scored = names
            .Select(n => (Name: n, Distance: Distance(typed.ToLowerInvariant(), n.ToLowerInvariant())))
            .Where(s => s.Distance <= Math.Max(1, Math.Min(2, s.Name.Length / 3)) || (typed.Length >= 3 && s.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        return scored.Count == 0 ? [] : scored.Where(s => s.Distance == scored[0].Distance).Select(s => s.Name).Take(3).ToList();
    }

    private static IEnumerable<Option> OptionsOf(CommandResult result)
    {
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            foreach (var option in c.Command.Options.Where(o => !o.Hidden && (ReferenceEquals(c, result) || o.Recursive)))
            {
                yield return option;
            }
        }
    }

    internal static string Path(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            names.Add(c.Command is RootCommand ? Name : c.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
