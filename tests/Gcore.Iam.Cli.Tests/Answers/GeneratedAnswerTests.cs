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
public class GeneratedAnswerTests : CliTestBase
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

        foreach (var (operation, command) in CliCommands)
        {
            foreach (var format in Formats)
            {
                var (outcomeClass, failure) = await ReadWithCliAsync(operations.Single(o => o.Id == operation), command, format);
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

    /// <summary>Each operation's command(s): the arguments, and the lines stdin gives.</summary>
    private static readonly (string Operation, CliCommand Command)[] CliCommands =
    [
        ("Users_ListUsers", new(["users", "list"])),
        ("Users_ListUsers", new(["users", "list", "--offset", "3", "--limit", "2"])),
        ("Users_GetUser", new(["users", "get", "7"])),
        ("Users_UpdateUser", new(["users", "update", "7", "--name", "Zoë"])),
        ("Users_RevokeAccess", new(["users", "revoke", "7", "--account", "5", "--yes"])),
        ("Users_InviteUser", new(["users", "invite", "--email", "a@example.com", "--role", "Users"])),
        ("Account_GetAccountOverview", new(["account"])),
        ("ApiTokens_ListApiTokens", new(["tokens", "list"])),
        ("ApiTokens_CreateApiToken", new(["tokens", "create", "--name", "ci", "--role", "Users", "--expires", "never"])),
        ("ApiTokens_GetApiToken", new(["tokens", "get", "3"])),
        ("ApiTokens_DeleteApiToken", new(["tokens", "delete", "3", "--yes"])),
        ("Users_GetRole", new(["users", "role", "get", "7"])),
        ("Users_SetRole", new(["users", "role", "set", "7", "--role", "Engineers", "--yes"])),
        ("Users_ChangeEmail", new(["users", "email", "7", "--new-email", "b@example.com", "--yes"], "Passw0rd-1\n")),
        ("Users_ChangePassword", new(["users", "password", "7", "--yes"], "Passw0rd-1\nPassw0rd-2\n")),
        ("Account_CreateAccount", new(["account", "create", "--company", "Example Labs"])),
        ("Activity_ListLogins", new(["activity", "logins"])),
        ("Activity_ListLogins", new(["activity", "logins", "--offset", "4"])),
        ("Auth_LogIn", new(["login"], Login: true)),
        ("Auth_RefreshToken", new(["login", "--refresh"], Login: true)),
        ("Auth_SelectAccount", new(["login", "--account", "5"], Login: true)),
        ("Auth_ForgotPassword", new(["users", "forgot-password", "--email", "a@example.com"])),
    ];

    [Test]
    public void Every_operation_of_the_spec_has_a_command_in_the_generated_answer_runs()
    {
        var covered = CliCommands.Select(c => c.Operation).ToHashSet(StringComparer.Ordinal);

        Assert.That(SpecOperations.From(SpecOperations.Spec).Select(o => o.Id).Where(id => !covered.Contains(id)), Is.Empty);
    }

    private sealed record CliCommand(string[] Args, string? Stdin = null, bool Login = false);

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

    private async Task<(string Class, string? Failure)> ReadWithCliAsync(SpecOperation operation, CliCommand command, string format)
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
        { ParameterType: var t } when Bodies.TryGetValue(t, out var body) => body(),
        { HasDefaultValue: true } => parameter.DefaultValue,
        _ => throw new InvalidOperationException($"No sample for {parameter.Member.Name}'s parameter {parameter.Name} ({parameter.ParameterType.Name}): add one to {nameof(Bodies)}."),
    };

    /// <summary>A valid request body per body type (the answers are what this test varies).</summary>
    private static readonly Dictionary<Type, Func<object>> Bodies = new()
    {
        [typeof(UserUpdate)] = () => new UserUpdate { Name = "Zoë" },
        [typeof(UserInvite)] = () => new UserInvite { ClientId = 5, Email = "a@example.com", UserRole = new UserGroup { Id = 2 } },
        [typeof(ApiTokenCreate)] = () => new ApiTokenCreate { Name = "ci", ClientUser = new ApiTokenRole { Role = new UserGroup { Id = 2 } } },
        [typeof(AccountRole)] = () => new AccountRole { UserRole = new UserGroup { Id = 5 } },
        [typeof(EmailChange)] = () => new EmailChange { NewEmail = "b@example.com", Password = "Passw0rd-1" },
        [typeof(PasswordChange)] = () => new PasswordChange { Old = "Passw0rd-1", New = "Passw0rd-2", Double = "Passw0rd-2" },
        [typeof(AccountCreate)] = () => new AccountCreate { Company = "Example Labs" },
        [typeof(JwtLogin)] = () => new JwtLogin { Username = "owner@example.com", Password = "Passw0rd-1" },
        [typeof(JwtRefresh)] = () => new JwtRefresh { Refresh = "refresh-token" },
        [typeof(PasswordReset)] = () => new PasswordReset { Email = "a@example.com" },
    };

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
