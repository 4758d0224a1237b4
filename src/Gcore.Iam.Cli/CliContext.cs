namespace Gcore.Iam.Cli;

/// <summary>Where the tool reads its settings and writes its output: the real console, or a test's.</summary>
/// <param name="Out">Data only (the command's result).</param>
/// <param name="Error">Messages, progress and errors.</param>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
/// <param name="In">Where secrets are read from when stdin is not a terminal (passwords, never command-line arguments); null for none.</param>
/// <param name="Terminal">Whether a person is at the streams, and how to ask them; null for none (a script).</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> GetEnvironmentVariable, TextReader? In = null, CliTerminal? Terminal = null)
{
    /// <summary>The environment variable the tool reads a login's username from.</summary>
    public const string UsernameEnvironmentVariable = "GCORE_USERNAME";

    /// <summary>The environment variable the tool reads a login's password from.</summary>
    public const string PasswordEnvironmentVariable = "GCORE_PASSWORD";

    /// <summary>Whether a person is at the streams (never null).</summary>
    public CliTerminal Tty => Terminal ?? CliTerminal.None;

    public static CliContext FromConsole() => new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, Console.In, new ConsoleTerminal());
}

/// <summary>How the tool logs in instead of using an API key: a username and password (and an optional one-time password and account).</summary>
internal sealed record CliLogin(string Username, string Password, string? OneTimePassword, int? AccountId)
{
    public override string ToString() => "CliLogin { (redacted) }";
}
