using System.CommandLine;
using System.Globalization;

namespace Gcore.Iam.Cli;

internal static partial class CliApp
{
    private static readonly Column<ApiToken>[] TokenColumns =
    [
        new("ID", t => OutputWriter.Text(t.Id)),
        new("NAME", t => t.Name),
        new("ROLE", t => t.ClientUser?.Role?.Name?.Value ?? OutputWriter.Text(t.ClientUser?.Role?.Id)),
        new("ISSUED BY", t => t.ClientUser?.UserEmail),
        new("CREATED", t => t.Created),
        new("EXPIRES", t => t.ExpDate ?? "never"),
        new("LAST USED", t => t.LastUsage),
        new("DELETED", t => OutputWriter.Text(t.Deleted)),
    ];

    private static readonly Column<ApiToken>[] TokenFields =
    [
        .. TokenColumns,
        new("DESCRIPTION", t => t.Description),
        new("EXPIRED", t => OutputWriter.Text(t.Expired)),
    ];

    private static readonly Column<ApiTokenCreated>[] CreatedTokenFields =
    [
        .. TokenFields.Select(c => new Column<ApiTokenCreated>(c.Header, t => c.Value(t))),
        new("TOKEN", t => t.Token),
    ];

    private static Command TokensCommand(GlobalOptions globals, CliContext context)
    {
        var tokens = new Command("tokens", "Permanent API tokens of an account: list, get, create, delete.");
        Help.SetExamples(tokens, "gcore-iam tokens list", "gcore-iam tokens create --name ci --role Engineers --expires 2027-12-31");
        tokens.Add(TokensList(globals, context));
        tokens.Add(TokensGet(globals, context));
        tokens.Add(TokensCreate(globals, context));
        tokens.Add(TokensDelete(globals, context));
        return tokens;
    }

    private static Command TokensList(GlobalOptions globals, CliContext context)
    {
        var deleted = new Option<bool>("--deleted") { Description = "Include deleted tokens." };
        var command = new Command("list", "List the account's API tokens (--account, default: the key's own).") { deleted };
        Help.SetExamples(command, "gcore-iam tokens list", "gcore-iam tokens list --deleted -o json");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: true, null), async (parse, session, output, ct) =>
        {
            var accountId = await AccountIdAsync(globals.AccountOf(parse), session, ct).ConfigureAwait(false);
            var list = await session.Client.ApiTokens.ListApiTokensAsync(accountId, parse.GetValue(deleted) ? true : null, cancellationToken: ct).ConfigureAwait(false);
            output.WriteList(list.ToList(), TokenColumns);
        });
        return command;
    }

    private static Command TokensGet(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument("ID", "The token's id.");
        var command = new Command("get", "Show one API token of the account (--account, default: the key's own); never its secret.") { id };
        Help.SetExamples(command, "gcore-iam tokens get 2");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: true, null), async (parse, session, output, ct) =>
        {
            var accountId = await AccountIdAsync(globals.AccountOf(parse), session, ct).ConfigureAwait(false);
            var token = await session.Client.ApiTokens.GetApiTokenAsync(accountId, parse.GetValue(id), ct).ConfigureAwait(false);
            output.WriteObject(token, TokenFields);
        });
        return command;
    }

    private static Command TokensCreate(GlobalOptions globals, CliContext context)
    {
        var name = new Option<string>("--name") { Description = "The token's name.", Required = true };
        var role = new Option<string>("--role") { Description = "The role the token acts with: a group id or name.", Required = true };
        var expires = new Option<string>("--expires")
        {
            Description = "When it expires, ISO 8601: a date (2027-12-31, meaning 00:00 UTC that day), a time with its zone (2027-12-31T18:00:00Z, 2027-12-31T18:00+02:00), or 'never'.",
            HelpName = "DATE|never",
            Required = true,
        };
        var description = new Option<string?>("--description") { Description = "What the token is for." };
        var changes = new ChangeOptions(confirm: false);
        var command = new Command("create", "Create an API token in the account (--account, default: the key's own); its secret is printed once.") { name, role, expires, description };
        Help.SetExamples(command, "gcore-iam tokens create --name ci --role Engineers --expires 2027-12-31", "gcore-iam tokens create --name nightly --role Users --expires 2027-06-30T18:00:00+02:00");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: true, changes), async (parse, session, output, ct) =>
        {
            var request = new ApiTokenCreate
            {
                Name = parse.GetRequiredValue(name),
                Description = parse.GetValue(description),
                ClientUser = new ApiTokenRole { Role = ResolveRole(parse.GetRequiredValue(role)) },
                ExpDate = ParseExpiry(parse.GetRequiredValue(expires)),
            };
            var accountId = await AccountIdAsync(globals.AccountOf(parse), session, ct).ConfigureAwait(false);
            await ApproveAsync(parse, session, context, changes, "").ConfigureAwait(false);
            var created = await session.Client.ApiTokens.CreateApiTokenAsync(accountId, request, ct).ConfigureAwait(false);
            output.WriteObject(created, CreatedTokenFields);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Created API token {created.Id}. Store its secret now: Gcore never shows it again.")).ConfigureAwait(false);
        });
        return command;
    }

    private static Command TokensDelete(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument("ID", "The token's id.");
        var changes = new ChangeOptions(confirm: true);
        var command = new Command("delete", "Delete an API token of the account (--account, default: the key's own). Asks first at a terminal; elsewhere needs --yes.") { id };
        Help.SetExamples(command, "gcore-iam tokens delete 2", "gcore-iam tokens delete 2 --yes --account 200001");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: true, changes), async (parse, session, output, ct) =>
        {
            var accountId = await AccountIdAsync(globals.AccountOf(parse), session, ct).ConfigureAwait(false);
            var tokenId = parse.GetValue(id);
            await ApproveAsync(parse, session, context, changes, string.Create(CultureInfo.InvariantCulture,
                $"Delete API token {tokenId} of account {accountId}? Whatever uses it stops working.")).ConfigureAwait(false);
            await session.Client.ApiTokens.DeleteApiTokenAsync(accountId, tokenId, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Deleted API token {tokenId} of account {accountId}.")).ConfigureAwait(false);
        });
        return command;
    }
}
