using System.CommandLine;

namespace Gcore.Iam.Cli;

internal static partial class CliApp
{
    private static readonly Column<AccountOverview>[] AccountFields =
    [
        new("ID", a => OutputWriter.Text(a.Id)),
        new("COMPANY", a => a.CompanyName),
        new("NAME", a => a.Name),
        new("EMAIL", a => a.Email),
        new("STATUS", a => a.Status.Value),
        new("BILLING", a => a.BillType),
        new("COUNTRY", a => a.CountryCode),
        new("CURRENT USER", a => OutputWriter.Text(a.CurrentUser)),
        new("USERS", a => OutputWriter.Text(a.Users?.Count)),
        new("CAPABILITIES", a => OutputWriter.Join(a.Capabilities, c => c.Value)),
        new("SERVICES", a => OutputWriter.Join(a.ServiceStatuses?.OrderBy(s => s.Key, StringComparer.Ordinal), s => $"{s.Key}={s.Value.Status?.Value}")),
    ];

    private static readonly Column<AccountCreate>[] CreatedAccountFields =
    [
        new("ID", a => OutputWriter.Text(a.Id)),
        new("COMPANY", a => a.Company),
    ];

    private static Command AccountCommand(GlobalOptions globals, CliContext context)
    {
        var command = new Command("account", "Show the account the API key belongs to; create an account.");
        Help.SetExamples(command, "gcore-iam account", "gcore-iam account -o json");
        SetRun(command, globals, context, async (parse, session, output, ct) =>
        {
            var account = await session.Client.Account.GetAccountOverviewAsync(ct).ConfigureAwait(false);
            output.WriteObject(account, AccountFields);
        });

        var company = new Option<string>("--company") { Description = "The new account's company name.", Required = true };
        var changes = new ChangeOptions(confirm: false);
        var create = new Command("create", "Create an account (for resellers: a client account).") { company };
        Help.SetExamples(create, "gcore-iam account create --company \"Example Labs GmbH\"");
        SetRun(create, globals, context, new CommandTraits(ActsOnAccount: false, changes), async (parse, session, output, ct) =>
        {
            var name = parse.GetRequiredValue(company).Trim();
            await ApproveAsync(parse, session, context, changes, "").ConfigureAwait(false);
            var created = await session.Client.Account.CreateAccountAsync(new AccountCreate { Company = name }, ct).ConfigureAwait(false);
            output.WriteObject(created, CreatedAccountFields);
        });
        command.Add(create);
        return command;
    }
}
