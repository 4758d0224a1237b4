using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Gcore.Iam.Cli;

/// <summary>The options every command has (global), and the ones every changing command has (--yes, --dry-run).</summary>
internal static partial class CliApp
{
    /// <summary>The environment variable <c>--fake</c> can also be given by (any value but empty, 0 or false).</summary>
    internal const string FakeEnvironmentVariable = "GCORE_FAKE";

    private sealed class GlobalOptions
    {
        public Option<OutputFormat> Format { get; } = new Option<OutputFormat>("--output", "-o", "--format")
        {
            Description = "Output format: table (default), json, jsonl (one JSON object a line) or csv; any case.",
            HelpName = "table|json|jsonl|csv",
            DefaultValueFactory = _ => OutputFormat.Table,
            CustomParser = ParseFormat,
            Recursive = true,
        };

        public Option<string?> ApiKey { get; } = new("--api-key")
        {
            Description = "The Gcore API token (default: GCORE_API_KEY). Given but empty is an error.",
            Recursive = true,
        };

        public Option<bool> Fake { get; } = new("--fake")
        {
            Description = "Use the built-in fake Gcore server with sample data (offline; also GCORE_FAKE=1). Without a key, a terminal gets it anyway; a script must ask.",
            Recursive = true,
        };

        public Option<string?> Username { get; } = new("--username")
        {
            Description = "Log in with this username (an e-mail address; default: GCORE_USERNAME) instead of an API key. The password comes from GCORE_PASSWORD, --password-stdin, or a prompt at a terminal.",
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
            Description = "The account (client id) a command acts on (default: the key's or the login's own). With --username, also the account the login selects.",
            HelpName = "ID",
            CustomParser = r => ParseInt(r, "--account", min: 1, max: int.MaxValue),
            Recursive = true,
        };

        /// <summary>The old name of --account in some commands, still accepted, not shown.</summary>
        public Option<int?> ClientAlias { get; } = new("--client")
        {
            Description = "Deprecated: --account.",
            Hidden = true,
            CustomParser = r => ParseInt(r, "--client", min: 1, max: int.MaxValue),
            Recursive = true,
        };

        public Option<string?> BaseUrl { get; } = new("--base-url")
        {
            Description = "The API's base URL (default: GCORE_BASE_URL, else https://api.gcore.com). Plain http only to this machine, or with --allow-insecure-http.",
            HelpName = "URL",
            Recursive = true,
        };

        public Option<bool> AllowInsecureHttp { get; } = new("--allow-insecure-http")
        {
            Description = "Allow a plain http:// base URL on another machine (a trusted private network; the key travels unencrypted). http://127.0.0.1 and localhost need no flag.",
            Recursive = true,
        };

        public Option<int> Retries { get; } = new("--retries")
        {
            Description = "How often a failed call (connection failure, timeout, 408, 429, 5xx) is retried; 0 to 10, default 2. Invitations and token creation are never repeated once sent.",
            HelpName = "N",
            DefaultValueFactory = _ => 2,
            CustomParser = result => ParseInt(result, "--retries", min: 0, max: 10) ?? 2,
            Recursive = true,
        };

        public Option<int?> Timeout { get; } = new("--timeout")
        {
            Description = "Seconds one attempt may wait for Gcore's answer, 1 to 3600 (default 120); the whole call may take its attempts and the waits between them.",
            HelpName = "SECONDS",
            CustomParser = r => ParseInt(r, "--timeout", min: 1, max: 3600),
            Recursive = true,
        };

        /// <summary>The account given with --account (or its old name --client), or null.</summary>
        public int? AccountOf(ParseResult parse)
        {
            var account = parse.GetValue(Account);
            var client = parse.GetValue(ClientAlias);
            return account is not null && client is not null && account != client
                ? throw new UsageException("--account and --client (its old name) name different accounts: give --account only.")
                : account ?? client;
        }

        public GlobalOptions()
        {
            Format.CompletionSources.Clear();
            Format.CompletionSources.Add("table", "json", "jsonl", "csv");
        }

        public IEnumerable<Option> All =>
            [Format, ApiKey, Fake, Username, PasswordStdin, OneTimePassword, Account, ClientAlias, BaseUrl, AllowInsecureHttp, Retries, Timeout];

        private static OutputFormat ParseFormat(ArgumentResult result)
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (Enum.TryParse<OutputFormat>(text, ignoreCase: true, out var format) && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return format;
            }

            result.AddError($"--output must be table, json, jsonl or csv (any case); got '{text}'.");
            return OutputFormat.Table;
        }
    }
}
