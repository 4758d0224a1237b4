using System.CommandLine;
using System.Globalization;
using Gcore.Iam.Testing.Spec;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli;

internal static partial class CliApp
{
    private static readonly Column<VerifyRow>[] VerifyColumns =
    [
        new("OPERATION", r => r.Operation),
        new("POINTER", r => r.Pointer),
        new("DEVIATION", r => r.Deviation),
        new("EXPECTED", r => r.Expected),
        new("SEEN", r => r.Seen),
    ];

    private static Command VerifyCommand(GlobalOptions globals, CliContext context)
    {
        var write = new Option<bool>("--write")
        {
            Description = "Also create an API token in the account --account names (required with --write), read it and delete it (deleted also when a step fails).",
        };
        var command = new Command("verify",
            "Check the live API against the client's spec with your credential: the account overview, a page of users, a user, " +
            "the user's role, the API tokens and the login log, each answer read strictly. Exit 0: the API matches; 7: deviations found (listed).")
        {
            write,
        };
        Help.SetExamples(command, "gcore-iam verify", "gcore-iam verify --write --account 200001 -o json > verify.json");
        AnswerRecorder? recorder = null;
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: true, null), async (parse, session, output, ct) =>
        {
            var account = globals.AccountOf(parse);
            int? writeAccount = null;
            if (parse.GetValue(write))
            {
                writeAccount = account ?? throw new UsageException("--write needs --account <id>: the account to create (and delete) the test API token in.");
            }
            else if (account is not null && !session.UsesLogin)
            {
                throw new UsageException("--account is used by verify only with --write (the account of the test token): add --write, or leave --account out.");
            }
            var verify = new Verification(session.Client, recorder!, context.Error);
            await verify.ReadAsync(ct).ConfigureAwait(false);
            if (writeAccount is { } accountId)
            {
                await verify.WriteCycleAsync(accountId, ct).ConfigureAwait(false);
            }

            output.WriteList(verify.Rows, VerifyColumns);
            await context.Error.WriteLineAsync(verify.Summary()).ConfigureAwait(false);
            if (verify.Failure is { } failure)
            {
                // The check is incomplete: the failure's own exit code says why.
                throw failure;
            }

            if (verify.Rows.Count > 0)
            {
                throw new DeviationsFoundException(
                    $"the API parts from the spec in {verify.Rows.Count} place{(verify.Rows.Count == 1 ? "" : "s")} (listed on stdout); see docs/verifying.md.");
            }
        }, transport: () => recorder = new AnswerRecorder());
        return command;
    }

    /// <summary>One deviation, as the table and the JSON output show it.</summary>
    internal sealed record VerifyRow(string Operation, string Pointer, string Deviation, string Expected, string Seen);

    /// <summary>The calls of one <c>verify</c> run and what their answers showed.</summary>
    private sealed class Verification(GcoreIamClient client, AnswerRecorder recorder, TextWriter messages)
    {
        private readonly List<string> _notReached = [];
        private int _checked;

        public List<VerifyRow> Rows { get; } = [];

        /// <summary>The first failure that left the check incomplete (a 5xx, a broken connection), if any.</summary>
        public Exception? Failure { get; private set; }

        public string Summary() => string.Create(CultureInfo.InvariantCulture,
            $"verify: {_checked} answer{(_checked == 1 ? "" : "s")} checked against the spec, {Rows.Count} deviation{(Rows.Count == 1 ? "" : "s")}")
            + (_notReached.Count > 0 ? "; not reached with this credential: " + string.Join(", ", _notReached) : "") + ".";

        /// <summary>Every read-only operation the credential can reach, each answer checked.</summary>
        public async Task ReadAsync(CancellationToken ct)
        {
            var overview = await CheckAsync("GET", "the account overview", c => client.Account.GetAccountOverviewAsync(c), ct).ConfigureAwait(false);
            var accountId = IntAt(overview, "id");
            var page = await CheckAsync("GET", "the users list", c => client.Users.ListUsersAsync(5, 0, c), ct).ConfigureAwait(false);
            var userId = IntAt((page as JArray)?.FirstOrDefault() ?? (page?["results"] as JArray)?.FirstOrDefault(), "id") ?? IntAt(overview, "currentUser");
            if (userId is { } user)
            {
                await CheckAsync("GET", "a user", c => client.Users.GetUserAsync(user, c), ct).ConfigureAwait(false);
            }

            if (userId is { } member && accountId is { } account)
            {
                await CheckAsync("GET", "the user's role", c => client.Users.GetRoleAsync(account, member, c), ct).ConfigureAwait(false);
            }

            if (accountId is { } own)
            {
                await CheckAsync("GET", "the API tokens", c => client.ApiTokens.ListApiTokensAsync(own, cancellationToken: c), ct).ConfigureAwait(false);
            }

            await CheckAsync("GET", "the login log", c => client.Activity.ListLoginsAsync(5, 0, c), ct).ConfigureAwait(false);
            if (accountId is null || userId is null)
            {
                await messages.WriteLineAsync("verify: no account or user id could be read from the answers, so the calls that need one were left out.").ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Creates an API token in <paramref name="accountId"/>, reads it and deletes it, each answer
        /// checked. The token is deleted whatever happens on the way; when its id never came back (the
        /// answer was lost), every token of that run's unique name is deleted.
        /// </summary>
        public async Task WriteCycleAsync(int accountId, CancellationToken ct)
        {
            var name = "gcore-iam-verify-" + Guid.NewGuid().ToString("N")[..12];
            int? tokenId = null;
            try
            {
                var request = new ApiTokenCreate
                {
                    Name = name,
                    Description = "Made by gcore-iam verify --write and deleted at once.",
                    ClientUser = new ApiTokenRole { Role = UserGroup.FindKnown("Users")! },
                    ExpDate = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                };
                var created = await CheckAsync("POST", "creating an API token", c => client.ApiTokens.CreateApiTokenAsync(accountId, request, c), ct).ConfigureAwait(false);
                if ((created as JObject)?["token"] is JValue { Type: JTokenType.String } secret)
                {
                    // The new token's secret is never printed; should a message ever carry it, it is redacted.
                    Redaction.Remember((string?)secret);
                }

                tokenId = IntAt(created, "id");
                if (tokenId is { } id)
                {
                    await CheckAsync("GET", "reading the API token", c => client.ApiTokens.GetApiTokenAsync(accountId, id, c), ct).ConfigureAwait(false);
                }
            }
            finally
            {
                await DeleteAsync(accountId, name, tokenId).ConfigureAwait(false);
            }
        }

        private async Task DeleteAsync(int accountId, string name, int? tokenId)
        {
            // Not cancelled with the command: the token must not be left behind.
            var ids = new List<int>();
            if (tokenId is { } known)
            {
                ids.Add(known);
            }
            else
            {
                try
                {
                    var tokens = await client.ApiTokens.ListApiTokensAsync(accountId, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                    ids.AddRange(tokens.Where(t => t.Name == name && !t.Deleted).Select(t => t.Id));
                }
                catch (GcoreIamException e)
                {
                    Failure ??= e;
                    await messages.WriteLineAsync($"verify: could not look for the test token '{name}' in account {accountId}: delete it by hand if it exists (gcore-iam tokens list --account {accountId}).").ConfigureAwait(false);
                    return;
                }
            }

            foreach (var id in ids)
            {
                var answered = await CheckAnswerAsync("DELETE", "deleting the API token", c => client.ApiTokens.DeleteApiTokenAsync(accountId, id, c), CancellationToken.None).ConfigureAwait(false);
                if (!answered.Deleted)
                {
                    await messages.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"verify: the test token {id} ('{name}') may still exist: delete it with gcore-iam tokens delete {id} --account {accountId} --yes.")).ConfigureAwait(false);
                }
            }
        }

        private async Task<JToken?> CheckAsync(string method, string what, Func<CancellationToken, Task> call, CancellationToken ct) =>
            (await CheckAnswerAsync(method, what, call, ct).ConfigureAwait(false)).Body;

        /// <summary>Makes one call and checks the answer it got (also when the client refused to read it).</summary>
        private async Task<(JToken? Body, bool Deleted)> CheckAnswerAsync(string method, string what, Func<CancellationToken, Task> call, CancellationToken ct)
        {
            recorder.Clear();
            GcoreIamException? failure = null;
            try
            {
                await call(ct).ConfigureAwait(false);
            }
            catch (GcoreIamException e)
            {
                failure = e;
            }

            var answer = recorder.LastTo(method);
            if (answer is null || answer.Status >= 500 || answer.Status == 429)
            {
                // No answer, or the server failed: nothing to check, and the check is incomplete.
                Failure ??= failure;
                await messages.WriteLineAsync($"verify: {what} failed: {Redaction.Redact(failure?.Message ?? "no answer.")}").ConfigureAwait(false);
                return (null, false);
            }

            _checked++;
            var deviations = GcoreIamSpecCheck.CheckResponse(answer.Method, answer.Path, answer.Status, answer.Body);
            Rows.AddRange(deviations.Select(d => new VerifyRow(d.Operation, d.Location, d.Kind.ToString(), d.Expected, d.Seen)));
            if (answer.Status is >= 400 && deviations.Count == 0)
            {
                _notReached.Add(string.Create(CultureInfo.InvariantCulture, $"{what} ({answer.Status})"));
            }
            else if (failure is not null and not GcoreIamApiException && deviations.Count == 0)
            {
                // The client could not read an answer the spec allows: that is worth a look too.
                Failure ??= failure;
            }

            return (Parse(answer.Body), answer.Status is >= 200 and < 300);
        }

        private static JToken? Parse(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            try
            {
                using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
                return JToken.ReadFrom(reader);
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>A whole number at <paramref name="member"/> of an object answer (of the first item of an array answer), or null.</summary>
        private static int? IntAt(JToken? token, string member)
        {
            var obj = token as JObject ?? (token as JArray)?.FirstOrDefault() as JObject;
            return obj?[member] is JValue { Type: JTokenType.Integer or JTokenType.Float } value
                && decimal.TryParse(value.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number == decimal.Truncate(number) && number is >= 1 and <= int.MaxValue
                ? (int)number
                : null;
        }
    }
}

/// <summary>The API answered, but not as the spec says (<c>gcore-iam verify</c>; exit <see cref="ExitCodes.Deviations"/>).</summary>
internal sealed class DeviationsFoundException(string message) : Exception(message);
