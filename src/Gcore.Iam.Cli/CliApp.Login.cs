using System.CommandLine;
using System.Globalization;

namespace Gcore.Iam.Cli;

internal static partial class CliApp
{
    private static Command LoginCommand(GlobalOptions globals, CliContext context)
    {
        var refresh = new Option<bool>("--refresh") { Description = "Refresh the new access token once right away (checks that refreshing works)." };
        var command = new Command(
            "login",
            "Log in with a username and password (--username, and GCORE_PASSWORD or --password-stdin; --otp for two-factor "
            + "authentication; --account to select an account) and show the account. Tokens are never printed.")
        {
            refresh,
        };
        Help.SetExamples(command, "gcore-iam login --fake --username john.doe@example.com", "GCORE_PASSWORD=... gcore-iam login --username you@example.com --account 200001");
        SetRun(command, globals, context, async (parse, session, output, ct) =>
        {
            if (!session.UsesLogin)
            {
                throw new UsageException("login needs --username (or GCORE_USERNAME) and a password (GCORE_PASSWORD or --password-stdin), not an API key.");
            }

            await session.Client.LogInAsync(cancellationToken: ct).ConfigureAwait(false);
            if (parse.GetValue(refresh))
            {
                await session.Client.RefreshLoginAsync(ct).ConfigureAwait(false);
            }

            var account = await session.Client.Account.GetAccountOverviewAsync(ct).ConfigureAwait(false);
            output.WriteObject(account, AccountFields);
            // After a login, a null expiry means the access token does not say when it expires (it is not a JWT with exp).
            var expiry = session.Client.LoginExpires is { } expires
                ? string.Create(CultureInfo.InvariantCulture, $"it expires at {expires:u}")
                : "its expiry is unknown (the access token does not say; it is renewed when Gcore refuses it)";
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Logged in to account {account.Id}{(parse.GetValue(refresh) ? " and refreshed the access token" : "")}; {expiry}.")).ConfigureAwait(false);
        });
        return command;
    }
}
