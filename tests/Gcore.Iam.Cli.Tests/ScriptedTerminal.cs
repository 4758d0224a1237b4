namespace Gcore.Iam.Cli.Tests;

/// <summary>A terminal for tests: says stdin and stderr are terminals (or not), and answers reads from a script.</summary>
internal sealed class ScriptedTerminal(bool input = true, bool error = true, params string[] answers) : CliTerminal
{
    private readonly Queue<string> _answers = new(answers);

    /// <summary>Each read, in order: whether it was hidden (a secret) or shown (an answer).</summary>
    public List<(bool Hidden, string? Answer)> Reads { get; } = [];

    public override bool InputIsTerminal => input;

    public override bool ErrorIsTerminal => error;

    public override string? ReadLine() => Next(hidden: false);

    public override string? ReadHiddenLine() => Next(hidden: true);

    private string? Next(bool hidden)
    {
        var answer = _answers.Count > 0 ? _answers.Dequeue() : null;
        Reads.Add((hidden, answer));
        return answer;
    }
}
