using System.CommandLine;
using System.Globalization;

namespace Gcore.Iam.Cli;

internal static partial class CliApp
{
    private static readonly Column<LoginActivity>[] LoginColumns =
    [
        new("ID", l => OutputWriter.Text(l.Id)),
        new("AT", l => l.LoginAt),
        new("USER", l => OutputWriter.Text(l.User)),
        new("SUCCESS", l => OutputWriter.Text(l.IsSuccessful)),
        new("AUTH", l => l.AuthType),
        new("IP", l => l.IpAddress),
        new("USER AGENT", l => l.UserAgent),
    ];

    private static Command ActivityCommand(GlobalOptions globals, CliContext context)
    {
        var activity = new Command("activity", "The account's activity logs.");
        Help.SetExamples(activity, "gcore-iam activity logins");
        var all = new Option<bool>("--all") { Description = "Every login, walking page by page." };
        var limit = new Option<int?>("--limit")
        {
            Description = $"Logins per page (default {ActivityClient.ListLoginsDefaultLimit}; with --all {ActivityClient.DefaultPageSize}).",
            CustomParser = r => ParseInt(r, "--limit", min: 1, max: int.MaxValue),
        };
        var offset = new Option<int?>("--offset")
        {
            Description = "Logins to skip first (default 0).",
            CustomParser = r => ParseInt(r, "--offset", min: 0, max: int.MaxValue),
        };
        var logins = new Command("logins", "Who logged in, when, from where: one page, or every page with --all.") { all, limit, offset };
        Help.SetExamples(logins, "gcore-iam activity logins --limit 10", "gcore-iam activity logins --all -o csv > logins.csv");
        SetRun(logins, globals, context, async (parse, session, output, ct) =>
        {
            var start = parse.GetValue(offset) ?? 0;
            if (parse.GetValue(all))
            {
                await WriteEveryPageAsync(
                    session.Client.Activity.ListAllLoginsAsync(parse.GetValue(limit) ?? ActivityClient.DefaultPageSize, ct).AsPages(start, ct),
                    start,
                    output.StartList(LoginColumns),
                    new Progress(context, "logins")).ConfigureAwait(false);
                return;
            }

            var page = await session.Client.Activity.ListLoginsAsync(parse.GetValue(limit) ?? ActivityClient.ListLoginsDefaultLimit, start, ct).ConfigureAwait(false);
            var rows = page.Result?.ToList() ?? [];
            output.WriteList(rows, LoginColumns);
            if (PageNote("logins", "login", start, rows.Count, page.Count) is { } note)
            {
                await context.Error.WriteLineAsync(note).ConfigureAwait(false);
            }
        });
        activity.Add(logins);
        return activity;
    }
}
