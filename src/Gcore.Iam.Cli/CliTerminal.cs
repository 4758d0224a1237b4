using System.Text;

namespace Gcore.Iam.Cli;

/// <summary>
/// Whether a person is at the tool's streams, and how to ask that person something. The one place
/// where "is a terminal" is decided: the fake without a key, confirmations, hidden password entry
/// and the progress line all ask it. Tests pass their own.
/// </summary>
internal abstract class CliTerminal
{
    /// <summary>No terminal at all: a script, CI, a pipe (the default of a test's context).</summary>
    public static CliTerminal None { get; } = new NoTerminal();

    /// <summary>Whether stdin is a terminal (a person can type an answer).</summary>
    public abstract bool InputIsTerminal { get; }

    /// <summary>Whether stderr is a terminal (a person sees prompts and progress).</summary>
    public abstract bool ErrorIsTerminal { get; }

    /// <summary>A person can be asked something: stdin and stderr are both terminals.</summary>
    public bool IsInteractive => InputIsTerminal && ErrorIsTerminal;

    /// <summary>Reads a line the person types, shown as typed (an answer to a question).</summary>
    public abstract string? ReadLine();

    /// <summary>Reads a line the person types without showing it (a password).</summary>
    public abstract string? ReadHiddenLine();

    private sealed class NoTerminal : CliTerminal
    {
        public override bool InputIsTerminal => false;

        public override bool ErrorIsTerminal => false;

        public override string? ReadLine() => null;

        public override string? ReadHiddenLine() => null;
    }
}

/// <summary>The real console: a terminal where the streams are not redirected.</summary>
internal sealed class ConsoleTerminal : CliTerminal
{
    public override bool InputIsTerminal => !Console.IsInputRedirected;

    public override bool ErrorIsTerminal => !Console.IsErrorRedirected;

    public override string? ReadLine() => Console.In.ReadLine();

    public override string? ReadHiddenLine()
    {
        var line = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.Error.WriteLine();
                    return line.ToString();
                case ConsoleKey.Backspace:
                    if (line.Length > 0)
                    {
                        line.Length--;
                    }

                    break;
                default:
                    if (key.KeyChar == '\u0004' && line.Length == 0)
                    {
                        Console.Error.WriteLine();
                        return null; // Ctrl+D on an empty line: nothing given
                    }

                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
