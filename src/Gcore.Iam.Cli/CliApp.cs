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

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"{Name}: {error.Message}").ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"Run '{Name} --help' (or '{Name} <command> --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private sealed class GlobalOptions
    {
        public Option<string> Format { get; } = new Option<string>("--format", "-o")
        {
            Description = "Output format: table (default), json or csv.",
            DefaultValueFactory = _ => "table",
            Recursive = true,
        }.AcceptOnlyFromAmong("table", "json", "csv");

        public Option<string?> ApiKey { get; } = new("--api-key")
        {
            Description = "The Gcore API token (default: GCORE_API_KEY). Without one, a built-in fake server with sample data answers.",
            Recursive = true,
        };

        public Option<string?> Username { get; } = new("--username")
        {
            Description = "Log in with this username (an e-mail address; default: GCORE_USERNAME) instead of an API key. The password comes from GCORE_PASSWORD, or stdin with --password-stdin.",
            Recursive = true,
        };

        public Option<bool> PasswordStdin { get; } = new("--password-stdin")
        {
            Description = "Read the login's password from the next line of stdin (instead of GCORE_PASSWORD); read before the lines a command itself reads.",
            Recursive = true,
        };

        public Option<string?> OneTimePassword { get; } = new("--otp")
        {
            Description = "The authenticator's one-time password, for a login with two-factor authentication.",
            Recursive = true,
        };

        public Option<int?> Account { get; } = new("--account")
        {
            Description = "With --username: the account (client id) to select after the login.",
            CustomParser = r => ParseInt(r, "--account", min: 1, max: int.MaxValue),
            Recursive = true,
        };

        public Option<string?> BaseUrl { get; } = new("--base-url")
        {
            Description = "The API's base URL (default: GCORE_BASE_URL, else https://api.gcore.com).",
            Recursive = true,
        };

        public Option<int> Retries { get; } = new("--retries")
        {
            Description = "How often a failed call (connection failure, timeout, 408, 429, 5xx) is retried; 0 to 10, default 2. Invitations and token creation are never repeated once sent.",
            DefaultValueFactory = _ => 2,
            CustomParser = result => ParseRetries(result),
            Recursive = true,
        };

        private static int ParseRetries(System.CommandLine.Parsing.ArgumentResult result)
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= 10)
            {
                return value;
            }

            result.AddError($"--retries must be a whole number from 0 to 10, not '{text}'.");
            return 2;
        }
    }

    private static RootCommand BuildRoot(GlobalOptions globals, CliContext context)
    {
        var root = new RootCommand("gcore-iam: the Gcore IAM API from the command line (users and their roles, accounts, API tokens, the login log, JWT login).")
        {
            globals.Format,
            globals.ApiKey,
            globals.Username,
            globals.PasswordStdin,
            globals.OneTimePassword,
            globals.Account,
            globals.BaseUrl,
            globals.Retries,
        };
        root.Add(UsersCommand(globals, context));
        root.Add(AccountCommand(globals, context));
        root.Add(TokensCommand(globals, context));
        root.Add(ActivityCommand(globals, context));
        root.Add(LoginCommand(globals, context));
        root.Add(VerifyCommand(globals, context));
        return root;
    }

    /// <summary>
    /// Gives a command's action a session and an output writer, and maps failures to exit codes;
    /// <c>transport</c>, when given, makes the handler the client sends through (disposed after the run).
    /// </summary>
    private static void SetRun(Command command, GlobalOptions globals, CliContext context, Func<ParseResult, GcoreSession, OutputWriter, CancellationToken, Task> run,
        Func<HttpMessageHandler>? transport = null)
    {
        command.SetAction(async (parse, cancellationToken) =>
        {
            var format = Enum.Parse<OutputFormat>(parse.GetValue(globals.Format) ?? "table", ignoreCase: true);
            var apiKey = parse.GetValue(globals.ApiKey);
            var secret = apiKey;
            try
            {
                var login = await LoginOfAsync(parse, globals, context).ConfigureAwait(false);
                secret ??= login?.Password;
                using var handler = transport?.Invoke();
                var session = GcoreSession.Open(apiKey, parse.GetValue(globals.BaseUrl), parse.GetValue(globals.Retries), login, context, handler);
                await using (session.ConfigureAwait(false))
                {
                    secret = session.Secret;
                    await run(parse, session, new OutputWriter(context.Out, format), cancellationToken).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }
            catch (Exception e)
            {
                var (code, message) = Describe(e, cancellationToken);
                secret ??= context.GetEnvironmentVariable(GcoreIamClientOptions.ApiKeyEnvironmentVariable);
                message = Redaction.Redact(message, secret);

                await context.Error.WriteLineAsync($"{Name}: {message}").ConfigureAwait(false);
                return code;
            }
        });
    }

    /// <summary>The login of <c>--username</c> (or GCORE_USERNAME), or null when there is none.</summary>
    private static async Task<CliLogin?> LoginOfAsync(ParseResult parse, GlobalOptions globals, CliContext context)
    {
        var username = parse.GetValue(globals.Username) is { Length: > 0 } given ? given : context.GetEnvironmentVariable(CliContext.UsernameEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(username))
        {
            return null;
        }

        var password = parse.GetValue(globals.PasswordStdin)
            ? await ReadSecretLineAsync(context, "the password").ConfigureAwait(false)
            : context.GetEnvironmentVariable(CliContext.PasswordEnvironmentVariable);
        return string.IsNullOrEmpty(password)
            ? throw new UsageException($"--username needs a password: set {CliContext.PasswordEnvironmentVariable}, or give it on stdin with --password-stdin.")
            : new CliLogin(username.Trim(), password, parse.GetValue(globals.OneTimePassword), parse.GetValue(globals.Account));
    }

    /// <summary>
    /// The next line of stdin, for a secret (a password) that must not be a command-line argument
    /// (process lists and shell history show those); remembered for redaction, so that an answer that
    /// echoes it never shows it.
    /// </summary>
    private static async Task<string> ReadSecretLineAsync(CliContext context, string what)
    {
        var line = context.In is null ? null : await context.In.ReadLineAsync().ConfigureAwait(false);
        if (string.IsNullOrEmpty(line))
        {
            throw new UsageException($"Give {what} on stdin (one line).");
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
            default:
                return (ExitCodes.Unexpected, $"unexpected error ({e.GetType().Name}): {e.Message}");
        }
    }

    /// <summary>The account id: the one given, or the id of the account the key belongs to.</summary>
    private static async Task<int> AccountIdAsync(int? given, GcoreSession session, CancellationToken cancellationToken) =>
        given ?? (await session.Client.Account.GetAccountOverviewAsync(cancellationToken).ConfigureAwait(false)).Id;

    private static Option<int?> ClientOption(string description) => new("--client")
    {
        Description = description,
        CustomParser = r => ParseInt(r, "--client", min: 1, max: int.MaxValue),
    };

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

        result.AddError(max == int.MaxValue
            ? $"{what} must be a whole number of at least {min}; got '{text}'."
            : $"{what} must be a whole number from {min} to {max}; got '{text}'.");
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
