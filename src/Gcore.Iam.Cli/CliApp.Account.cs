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

    private static Command AccountCommand(GlobalOptions globals, CliContext context)
    {
        var command = new Command("account", "Show the account the API key belongs to.");
        SetRun(command, globals, context, async (parse, session, output, ct) =>
        {
            var account = await session.Client.Account.GetAccountOverviewAsync(ct).ConfigureAwait(false);
            output.WriteObject(account, AccountFields);
        });
        return command;
    }
}
