using System.CommandLine;
using System.Globalization;
using System.Net;

namespace Gcore.Iam.Cli;

/// <summary>
/// The <c>gcore-iam</c> command: builds the command tree on System.CommandLine, runs one command,
/// and turns every failure into one line on stderr and a documented exit code.
/// </summary>
internal static partial class CliApp
{
    private const string Name = "gcore-iam";

    /// <summary>Runs the tool; returns the exit code. Tests call this with their own writers and environment.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var globals = new GlobalOptions();
        var root = BuildRoot(globals, context);
        ParseResult parse;
        try
        {
            parse = root.Parse(args);
        }
        catch (InvalidOperationException e)
        {
            await context.Error.WriteLineAsync($"{Name}: could not read the command line: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (args.Length > 0 && args[0].StartsWith("[suggest", StringComparison.Ordinal))
        {
            // [suggest:N] "line", from the completion scripts: a line being typed has errors by nature.
            return await parse.InvokeAsync(new InvocationConfiguration { Output = context.Out, Error = context.Error }, cancellationToken).ConfigureAwait(false);
        }

        if (parse.Errors.Count > 0 && !Help.IsHelp(parse))
        {
            await ParseErrors.WriteAsync(parse, context.Error).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static RootCommand BuildRoot(GlobalOptions globals, CliContext context)
    {
        var root = new RootCommand("gcore-iam: the Gcore IAM API from the command line (users and their roles, accounts, API tokens, the login log, JWT login).");
        Help.SetExamples(root, "gcore-iam users list --fake", "GCORE_API_KEY=... gcore-iam users list --all -o csv > users.csv");
        foreach (var option in globals.All)
        {
            root.Add(option);
        }

        root.Add(UsersCommand(globals, context));
        root.Add(AccountCommand(globals, context));
        root.Add(TokensCommand(globals, context));
        root.Add(ActivityCommand(globals, context));
        root.Add(LoginCommand(globals, context));
        root.Add(VerifyCommand(globals, context));
        root.Add(CompletionCommand());
        Help.Configure(root);
        return root;
    }

    /// <summary>
    /// Gives a command that only reads and acts on no account a session and an output writer, and
    /// maps failures to exit codes; <c>transport</c>, when given, makes the handler the client sends
    /// through (disposed after the run).
    /// </summary>
    private static void SetRun(Command command, GlobalOptions globals, CliContext context, Func<ParseResult, GcoreSession, OutputWriter, CancellationToken, Task> run,
        Func<HttpMessageHandler>? transport = null) =>
        SetRun(command, globals, context, CommandTraits.Reads, run, transport);

    /// <summary>Gives a command's action a session and an output writer, and maps failures to exit codes (<c>transport</c>: as above).</summary>
    private static void SetRun(Command command, GlobalOptions globals, CliContext context, CommandTraits traits, Func<ParseResult, GcoreSession, OutputWriter, CancellationToken, Task> run,
        Func<HttpMessageHandler>? transport = null)
    {
        traits.Changes?.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = parse.GetValue(globals.Format);
            var apiKey = parse.GetValue(globals.ApiKey);
            var secret = apiKey;
            var output = new OutputWriter(context.Out, format);
            try
            {
                CheckBeforeConnecting(parse, globals, context, traits);
                var login = await LoginOfAsync(parse, globals, context).ConfigureAwait(false);
                secret ??= login?.Password;
                var settings = new SessionSettings(
                    apiKey,
                    parse.GetValue(globals.BaseUrl),
                    parse.GetValue(globals.Fake) || IsSet(context.GetEnvironmentVariable(FakeEnvironmentVariable)),
                    parse.GetValue(globals.AllowInsecureHttp),
                    parse.GetValue(globals.Retries),
                    parse.GetValue(globals.Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    login,
                    traits.Changes is { } changes && parse.GetValue(changes.DryRun));
                using var handler = transport?.Invoke();
                var session = GcoreSession.Open(settings, context, handler);
                await using (session.ConfigureAwait(false))
                {
                    secret = session.Secret;
                    try
                    {
                        await run(parse, session, output, cancellationToken).ConfigureAwait(false);
                    }
                    catch (DryRunStop stop)
                    {
                        output.WriteText(stop.Request.Render(format));
                        await context.Error.WriteLineAsync("Dry run: nothing was sent, nothing changed.").ConfigureAwait(false);
                    }
                }

                return ExitCodes.Success;
            }
            catch (OutputClosedException)
            {
                // The reader of stdout went away (| head): stop quietly, as a pipe expects.
                return ExitCodes.Success;
            }
            catch (Exception e)
            {
                var (code, message) = Describe(e, cancellationToken);
                secret ??= context.GetEnvironmentVariable(GcoreIamClientOptions.ApiKeyEnvironmentVariable);
                message = Redaction.Redact(CliWording.ForCli(message), secret);

                await context.Error.WriteLineAsync($"{Name}: {message}").ConfigureAwait(false);
                if (code == ExitCodes.Usage)
                {
                    await context.Error.WriteLineAsync($"Run '{CommandPath(parse)} --help' for usage.").ConfigureAwait(false);
                }

                return code;
            }
        });
    }

    /// <summary>The login of <c>--username</c> (or GCORE_USERNAME), or null when there is none.</summary>
    private static async Task<CliLogin?> LoginOfAsync(ParseResult parse, GlobalOptions globals, CliContext context)
    {
        var username = UsernameOf(parse, globals, context);
        if (username is null)
        {
            return null;
        }

        var password = parse.GetValue(globals.PasswordStdin) || (context.Tty.InputIsTerminal && string.IsNullOrEmpty(context.GetEnvironmentVariable(CliContext.PasswordEnvironmentVariable)))
            ? await ReadSecretLineAsync(context, $"the password of {username}").ConfigureAwait(false)
            : context.GetEnvironmentVariable(CliContext.PasswordEnvironmentVariable);
        return string.IsNullOrEmpty(password)
            ? throw new UsageException($"--username needs a password: set {CliContext.PasswordEnvironmentVariable}, or give it on stdin with --password-stdin.")
            : new CliLogin(username, password, parse.GetValue(globals.OneTimePassword), globals.AccountOf(parse));
    }

    private static string? UsernameOf(ParseResult parse, GlobalOptions globals, CliContext context)
    {
        var username = parse.GetValue(globals.Username) is { Length: > 0 } given ? given : context.GetEnvironmentVariable(CliContext.UsernameEnvironmentVariable);
        return string.IsNullOrWhiteSpace(username) ? null : username.Trim();
    }

    private static bool IsSet(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value.Trim() is not ("0" or "false" or "False" or "FALSE" or "no");

    /// <summary>
    /// A secret (a password) that must not be a command-line argument (process lists and shell
    /// history show those): typed at a terminal after a prompt that says what is asked, not shown;
    /// otherwise the next line of stdin. Remembered for redaction, so that an answer that echoes it
    /// never shows it.
    /// </summary>
    private static async Task<string> ReadSecretLineAsync(CliContext context, string what)
    {
        string? line;
        if (context.Tty.InputIsTerminal)
        {
            await context.Error.WriteAsync($"{char.ToUpperInvariant(what[0])}{what[1..]} (not shown): ").ConfigureAwait(false);
            await context.Error.FlushAsync().ConfigureAwait(false);
            line = context.Tty.ReadHiddenLine();
        }
        else
        {
            line = context.In is null ? null : await context.In.ReadLineAsync().ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(line))
        {
            throw new UsageException(context.Tty.InputIsTerminal ? $"No {what} was typed." : $"Give {what} on stdin (one line).");
        }

        Redaction.Remember(line);
        return line;
    }

    private static (int Code, string Message) Describe(Exception e, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case UsageException:
                return (ExitCodes.Usage, e.Message);
            case DeviationsFoundException:
                return (ExitCodes.Deviations, e.Message);
            case GcoreIamApiException:
                // The library's own message (Errors/GcoreIamStatus.cs and GcoreIamApiException): status, method and path,
                // what to do, Gcore's message and invalid fields, the wait a 429 asked for, the request id.
                return (ExitCodes.ApiError, e.Message);
            case GcoreIamConnectionException or GcoreIamTimeoutException:
                return (ExitCodes.NetworkError, e.Message);
            case GcoreIamInvalidResponseException:
                return (ExitCodes.InvalidResponse, e.Message);
            case GcoreIamConfigurationException:
                return (ExitCodes.ConfigurationError, e.Message);
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return (ExitCodes.Cancelled, "cancelled.");
            case DeclinedException:
                return (ExitCodes.Cancelled, e.Message);
            default:
                return (ExitCodes.Unexpected, $"unexpected error ({e.GetType().Name}): {e.Message}");
        }
    }

    /// <summary>The account id: the one given, or the id of the account the key belongs to.</summary>
    private static async Task<int> AccountIdAsync(int? given, GcoreSession session, CancellationToken cancellationToken) =>
        given ?? (await session.Client.Account.GetAccountOverviewAsync(cancellationToken).ConfigureAwait(false)).Id;

    private static Argument<int> IdArgument(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => ParseInt(r, name, min: 1, max: int.MaxValue) ?? 0,
    };

    /// <summary>
    /// Reads a whole number within bounds, or records a parse error (a validator that reads the value
    /// would throw on text that is not a number).
    /// </summary>
    internal static int? ParseInt(System.CommandLine.Parsing.ArgumentResult result, string what, int min, int max)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = max == int.MaxValue ? $"of at least {min}" : $"from {min} to {max}";
        var trimmed = text.TrimStart('+');
        var tooLarge = trimmed.Length > 0 && trimmed.All(char.IsAsciiDigit) && !int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        result.AddError(tooLarge
            ? $"{what} must be a whole number {range}; '{text}' is too large (the largest is {max.ToString(CultureInfo.InvariantCulture)})."
            : $"{what} must be a whole number {range}; got '{text}'.");
        return null;
    }

    /// <summary>A group by id or by name (case-insensitive), such as 1 or Administrators.</summary>
    internal static UserGroup ResolveRole(string role)
    {
        if (int.TryParse(role, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return UserGroup.FindKnown(id) ?? new UserGroup { Id = id };
        }

        return UserGroup.FindKnown(role)
            ?? throw new UsageException($"Unknown role '{role}'. Give a group id or one of: {string.Join(", ", UserGroup.KnownGroups.Select(g => $"{g.Name} ({g.Id})"))}.");
    }
}
