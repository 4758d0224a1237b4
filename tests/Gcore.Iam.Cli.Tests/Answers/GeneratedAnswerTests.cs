using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests.Answers;

/// <summary>
/// Every operation answered with random JSON that conforms to its success schema (<see cref="AnswerGenerator"/>),
/// as the committed spec describes it and as Gcore's description does before the fixes (<see cref="SpecOperations"/>),
/// read through the client (every operation) and through the CLI (every command, in every output format).
/// The only outcomes allowed: success, or a <see cref="GcoreIamInvalidResponseException"/> (CLI: exit 5) whose
/// message names the member and the operation. Never an argument guard's exception, a NullReferenceException,
/// or the CLI's exit 1.
/// <para>
/// CI runs the fixed seeds <see cref="FixedSeeds"/>. For a longer random run set
/// <c>GCORE_IAM_ANSWER_SEEDS</c> to a number of random seeds (each case's name shows its seed); to
/// replay seeds, set <c>GCORE_IAM_ANSWER_SEED</c> to them (comma-separated).
/// </para>
/// </summary>
[TestFixture]
[NonParallelizable]
public partial class GeneratedAnswerTests : CliTestBase
{
    /// <summary>The switch for a longer run: a count of random seeds.</summary>
    public const string SeedsVariable = "GCORE_IAM_ANSWER_SEEDS";

    /// <summary>Seeds to replay, comma-separated.</summary>
    public const string SeedVariable = "GCORE_IAM_ANSWER_SEED";

    /// <summary>The seeds CI runs (three of each style: bare, full and two mixes).</summary>
    public static readonly int[] FixedSeeds = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];

    private static readonly string[] Formats = ["table", "json", "csv"];

    private static readonly ConcurrentDictionary<string, int> Outcomes = new(StringComparer.Ordinal);

    private ScriptedGcore _server = null!;

    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (var seed in Seeds())
        {
            foreach (var source in new[] { SpecOperations.Spec, SpecOperations.Gcore })
            {
                yield return new TestCaseData(source, seed).SetName($"Generated answers ({source}, seed {seed})");
            }
        }
    }

    [OneTimeSetUp]
    public async Task StartServer() => _server = await ScriptedGcore.StartAsync(SpecOperations.From(SpecOperations.Spec));

    [OneTimeTearDown]
    public async Task StopServer()
    {
        await _server.DisposeAsync();
        TestContext.Progress.WriteLine("Generated answers, outcomes by class: "
            + string.Join("; ", Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}")));
    }

    [TestCaseSource(nameof(Cases))]
    public async Task Every_operation_reads_an_answer_that_conforms_to_its_schema(string source, int seed)
    {
        var operations = SpecOperations.From(source);
        var generator = new AnswerGenerator(seed);
        var answers = operations.ToDictionary(o => o.Id, o => o.Answer is null ? null : generator.Generate(o.Answer).ToString(Newtonsoft.Json.Formatting.None));
        _server.Answer(answers);
        var failures = new List<string>();

        foreach (var operation in operations)
        {
            var outcome = await ReadWithClientAsync(operation, generator);
            Count("client " + outcome.Class);
            if (outcome.Failure is { } failure)
            {
                failures.Add($"client {operation}: {failure}");
            }
        }

        foreach (var command in CliCommands)
        {
            foreach (var format in Formats)
            {
                var (outcomeClass, failure) = await ReadWithCliAsync(operations.First(o => Calls(command, o)), command, format);
                Count("cli " + outcomeClass);
                if (failure is not null)
                {
                    failures.Add($"cli {string.Join(' ', command.Args)} -o {format}: {failure}");
                }
            }
        }

        Assert.That(failures, Is.Empty, $"seed {seed} ({source}); replay with {SeedVariable}={seed}.\nFAILURES:\n" + string.Join("\n", failures)
            + "\nANSWERS:\n" + string.Join("\n", answers.Select(a => $"{a.Key}: {Shorten(a.Value)}")));
    }

    /// <summary>
    /// The commands run: one per operation (the CLI tests' <see cref="AccessCommandTests.EveryOperationRuns"/>), and the
    /// lists again from an offset.
    /// </summary>
    private static readonly CommandRun[] CliCommands =
    [
        .. AccessCommandTests.EveryOperationRuns,
        new(["users", "list", "--offset", "3", "--limit", "2"]),
        new(["activity", "logins", "--offset", "4"]),
    ];

    [Test]
    public void Every_operation_of_the_spec_has_a_command_in_the_generated_answer_runs()
    {
        var operations = SpecOperations.From(SpecOperations.Spec);

        Assert.That(operations.Where(o => !CliCommands.Any(c => Calls(c, o))).Select(o => o.Id), Is.Empty, "operations whose command (x-gcore-cli) no run names");
    }

    /// <summary>Whether <paramref name="command"/> is the operation's command (<c>x-gcore-cli</c>: its words, then the options that select the operation).</summary>
    private static bool Calls(CommandRun command, SpecOperation operation)
    {
        var words = operation.Cli.Split(' ');
        var name = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        return command.Args.Take(name.Length).SequenceEqual(name, StringComparer.Ordinal)
            && (command.Args.Length == name.Length || command.Args[name.Length].StartsWith("--", StringComparison.Ordinal) || !char.IsLetter(command.Args[name.Length][0]))
            && words.Where(w => w.StartsWith("--", StringComparison.Ordinal)).All(command.Args.Contains);
    }

    private sealed record Outcome(string Class, string? Failure = null);

    private async Task<Outcome> ReadWithClientAsync(SpecOperation operation, AnswerGenerator generator)
    {
        using var client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = "42_generated0answers", BaseUrl = _server.BaseUrl, MaxRetries = 0 });
        var area = typeof(GcoreIamClient).GetProperty(operation.Id[..operation.Id.IndexOf('_', StringComparison.Ordinal)])!;
        var method = area.PropertyType.GetMethod(operation.Id[(operation.Id.IndexOf('_', StringComparison.Ordinal) + 1)..] + "Async")!;
        var arguments = method.GetParameters().Select(p => Argument(p, generator)).ToArray();
        try
        {
            await (Task)method.Invoke(area.GetValue(client), arguments)!;
            return new("success");
        }
        catch (GcoreIamInvalidResponseException e) when (NamesMemberAndOperation(e.Message, operation))
        {
            return new("invalid answer, named");
        }
        catch (Exception e)
        {
            return new("FAILED " + e.GetType().Name, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<(string Class, string? Failure)> ReadWithCliAsync(SpecOperation operation, CommandRun command, string format)
    {
        var environment = new Dictionary<string, string> { ["GCORE_BASE_URL"] = _server.BaseUrl.ToString() };
        if (command.Login)
        {
            (environment["GCORE_USERNAME"], environment["GCORE_PASSWORD"]) = ("owner@example.com", "Passw0rd-1");
        }
        else
        {
            environment["GCORE_API_KEY"] = "42_generated0answers";
        }

        var run = await RunWithInputAsync(environment, command.Stdin, [.. command.Args, "--format", format, "--retries", "0"]);
        if (run.ExitCode == 0)
        {
            if (format == "json" && run.Out.Length > 0 && !IsJson(run.Out))
            {
                return ("FAILED output", "stdout is not JSON: " + Shorten(run.Out));
            }

            return ("success", null);
        }

        // The message may name the operation that failed or one the command called before it (the overview, the login).
        var named = run.ExitCode == 5 && Regex.IsMatch(run.Error, @"'[^']+' of the answer of [A-Za-z]+\.[A-Za-z]+ \((GET|POST|PUT|PATCH|DELETE) /");
        return named ? ("invalid answer, named (exit 5)", null) : ($"FAILED exit {run.ExitCode}", $"{operation}: {run}");
    }

    private static bool NamesMemberAndOperation(string message, SpecOperation operation) =>
        message.Contains($"of the answer of {operation.Name} ({operation.Method} {operation.Path})", StringComparison.Ordinal)
        && Regex.IsMatch(message, "'[^']+' of the answer of ");

    private static object? Argument(ParameterInfo parameter, AnswerGenerator generator) => parameter switch
    {
        { ParameterType: var t } when t == typeof(CancellationToken) => CancellationToken.None,
        { Name: "limit" } => 10,
        { Name: "offset" } => 0,
        { ParameterType: var t } when t == typeof(int) => generator.Id(),
        { HasDefaultValue: true } => parameter.DefaultValue,
        { ParameterType: var t } when t.IsClass && t != typeof(string) => Body(t),
        _ => throw new InvalidOperationException($"No sample for {parameter.Member.Name}'s parameter {parameter.Name} ({parameter.ParameterType.Name})."),
    };

    /// <summary>
    /// A valid request body per body type (the answers are what this test varies), the one the client's operation tests
    /// send: the request fixture named after the body's schema (<c>request-user-update.json</c> for <c>UserUpdate</c>), or
    /// else the schema's example in the spec.
    /// </summary>
    private static object Body(Type type)
    {
        var name = "request-" + KebabCase().Replace(type.Name, "$1-$2").ToLowerInvariant() + ".json";
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
        var json = File.Exists(path) ? File.ReadAllText(path)
            : SpecOperations.Example(type.Name) ?? throw new InvalidOperationException($"No request fixture {name} (tests/Gcore.Iam.Generated.Tests/Fixtures) and no example of {type.Name} in the spec.");
        return Newtonsoft.Json.JsonConvert.DeserializeObject(json, type)!;
    }

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabCase();

    private static int[] Seeds()
    {
        if (Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } replay)
        {
            return replay.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        }

        return int.TryParse(Environment.GetEnvironmentVariable(SeedsVariable), CultureInfo.InvariantCulture, out var count) && count > 0
            ? Enumerable.Range(0, count).Select(_ => Random.Shared.Next(0, int.MaxValue)).ToArray()
            : FixedSeeds;
    }

    private static void Count(string outcome) => Outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    private static bool IsJson(string text)
    {
        try
        {
            JToken.Parse(text);
            return true;
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string? text) => text is null ? "(no body)" : text.Length > 300 ? text[..300] + "..." : text;
}
