using System.CommandLine;
using System.Globalization;

namespace Gcore.Iam.Cli;

/// <summary>A user's role in an account, e-mail address and password, and the password reset mail.</summary>
internal static partial class CliApp
{
    /// <summary>The commands of this file, under <c>users</c> (a command added here is registered here).</summary>
    private static IEnumerable<Command> UserAccessCommands(GlobalOptions globals, CliContext context) =>
    [
        UsersRole(globals, context),
        UsersEmail(globals, context),
        UsersPassword(globals, context),
        UsersForgotPassword(globals, context),
    ];

    private static Command UsersRole(GlobalOptions globals, CliContext context)
    {
        var role = new Command("role", "A user's role (group) in an account: get or set.");

        var getId = IdArgument("ID", "The user's id.");
        var getClient = ClientOption("The account (default: the key's own account).");
        var get = new Command("get", "Show the user's role in the account.") { getId, getClient };
        SetRun(get, globals, context, async (parse, session, output, ct) =>
        {
            var clientId = await AccountIdAsync(parse.GetValue(getClient), session, ct).ConfigureAwait(false);
            var current = await session.Client.Users.GetRoleAsync(clientId, parse.GetValue(getId), ct).ConfigureAwait(false);
            output.WriteObject(current.UserRole ?? new UserGroup(), RoleFields);
        });

        var setId = IdArgument("ID", "The user's id.");
        var setRole = new Option<string>("--role") { Description = "The new role: a group id or name (Administrators, Users, Engineers, ...).", Required = true };
        var setClient = ClientOption("The account (default: the key's own account).");
        var set = new Command("set", "Change the user's role in the account.") { setId, setRole, setClient };
        SetRun(set, globals, context, async (parse, session, output, ct) =>
        {
            var group = ResolveRole(parse.GetRequiredValue(setRole));
            var clientId = await AccountIdAsync(parse.GetValue(setClient), session, ct).ConfigureAwait(false);
            var userId = parse.GetValue(setId);
            await session.Client.Users.SetRoleAsync(clientId, userId, new AccountRole { UserRole = group }, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"User {userId} is now {group.Name?.ToString() ?? "group " + group.Id} in account {clientId}.")).ConfigureAwait(false);
        });

        role.Add(get);
        role.Add(set);
        return role;
    }

    private static readonly Column<UserGroup>[] RoleFields =
    [
        new("ID", g => OutputWriter.Text(g.Id)),
        new("NAME", g => g.Name?.ToString()),
    ];

    private static Command UsersEmail(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument("ID", "The user's id.");
        var email = new Option<string>("--new-email") { Description = "The new e-mail address.", Required = true };
        var command = new Command("email", "Change a user's e-mail address. The user's password approves it: the next line of stdin.") { id, email };
        SetRun(command, globals, context, async (parse, session, output, ct) =>
        {
            var password = await ReadSecretLineAsync(context, "the user's password").ConfigureAwait(false);
            var result = await session.Client.Users.ChangeEmailAsync(parse.GetValue(id), new EmailChange { NewEmail = parse.GetRequiredValue(email).Trim(), Password = password }, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"The e-mail address is now {result.NewEmail}.").ConfigureAwait(false);
        });
        return command;
    }

    private static Command UsersPassword(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument("ID", "The user's id.");
        var command = new Command("password", "Change a user's password: the old one on the next line of stdin, the new one on the line after.") { id };
        SetRun(command, globals, context, async (parse, session, output, ct) =>
        {
            var old = await ReadSecretLineAsync(context, "the old password").ConfigureAwait(false);
            var @new = await ReadSecretLineAsync(context, "the new password").ConfigureAwait(false);
            await session.Client.Users.ChangePasswordAsync(parse.GetValue(id), new PasswordChange { Old = old, New = @new, Double = @new }, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Changed user {parse.GetValue(id)}'s password; Gcore ended the user's other sessions.")).ConfigureAwait(false);
        });
        return command;
    }

    private static Command UsersForgotPassword(GlobalOptions globals, CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The address of the user who forgot the password.", Required = true };
        var command = new Command("forgot-password", "Send the password reset mail to a user.") { email };
        SetRun(command, globals, context, async (parse, session, output, ct) =>
        {
            var address = parse.GetRequiredValue(email).Trim();
            await session.Client.Auth.ForgotPasswordAsync(new PasswordReset { Email = address }, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Sent the password reset mail to {address}.").ConfigureAwait(false);
        });
        return command;
    }
}
