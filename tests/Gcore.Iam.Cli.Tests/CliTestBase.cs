using Gcore.Iam.Testing;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests;

/// <summary>Runs gcore-iam in-process with captured stdout and stderr and a made-up environment.</summary>
public abstract class CliTestBase
{
    protected sealed record CliRun(int ExitCode, string Out, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}--- stderr\n{Error}";
    }

    /// <summary>A fake started by the test, for commands that change state or need faults.</summary>
    protected GcoreIamFakeServer Fake { get; private set; } = null!;

    [SetUp]
    public void StartFake() => Fake = GcoreIamFakeServer.Start();

    [TearDown]
    public async Task StopFake() => await Fake.DisposeAsync();

    /// <summary>Runs the tool with no key and --fake: it starts its own embedded fake.</summary>
    protected static Task<CliRun> RunOfflineAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), [.. args, "--fake"]);

    /// <summary>Runs the tool against <see cref="Fake"/>, passing its key and URL as options.</summary>
    protected Task<CliRun> RunAgainstFakeAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), [.. args, "--api-key", Fake.ApiKey, "--base-url", Fake.BaseUrl.ToString()]);

    /// <summary>Parses JSON output keeping date-like strings as strings (Newtonsoft would turn them into dates).</summary>
    protected static JToken Json(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    protected static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) => RunWithInputAsync(environment, null, args);

    /// <summary>Runs the tool with <paramref name="stdin"/> as its standard input (null for none), not at a terminal.</summary>
    protected static Task<CliRun> RunWithInputAsync(IReadOnlyDictionary<string, string> environment, string? stdin, params string[] args) =>
        RunWithAsync(environment, stdin, null, args);

    /// <summary>Runs the tool as a person at <paramref name="terminal"/> would.</summary>
    private protected static Task<CliRun> RunAtTerminalAsync(ScriptedTerminal terminal, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunWithAsync(environment, null, terminal, args);

    /// <summary>Runs the tool with the given stdin and terminal (null: not a terminal).</summary>
    private protected static async Task<CliRun> RunWithAsync(IReadOnlyDictionary<string, string> environment, string? stdin, CliTerminal? terminal, string[] args, TextWriter? stdout = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = stdin is null ? null : new StringReader(stdin);
        var code = await CliApp.RunAsync(args, new CliContext(stdout ?? output, error, name => environment.GetValueOrDefault(name), input, terminal));
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
