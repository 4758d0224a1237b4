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
        Help.SetExamples(role, "gcore-iam users role get 3", "gcore-iam users role set 3 --role Engineers");

        var getId = IdArgument("ID", "The user's id.");
        var get = new Command("get", "Show the user's role in the account (--account, default: the key's own).") { getId };
        Help.SetExamples(get, "gcore-iam users role get 3", "gcore-iam users role get 3 --account 200001 -o json");
        SetRun(get, globals, context, new CommandTraits(ActsOnAccount: true, null), async (parse, session, output, ct) =>
        {
            var clientId = await AccountIdAsync(globals.AccountOf(parse), session, ct).ConfigureAwait(false);
            var current = await session.Client.Users.GetRoleAsync(clientId, parse.GetValue(getId), ct).ConfigureAwait(false);
            output.WriteObject(current.UserRole ?? new UserGroup(), RoleFields);
        });

        var setId = IdArgument("ID", "The user's id.");
        var setRole = new Option<string>("--role") { Description = "The new role: a group id or name (Administrators, Users, Engineers, ...).", Required = true };
        var changes = new ChangeOptions(confirm: true);
        var set = new Command("set", "Change the user's role in the account (--account, default: the key's own). Asks first at a terminal; elsewhere needs --yes.") { setId, setRole };
        Help.SetExamples(set, "gcore-iam users role set 3 --role Engineers", "gcore-iam users role set 3 --role 5 --yes --account 200001");
        SetRun(set, globals, context, new CommandTraits(ActsOnAccount: true, changes), async (parse, session, output, ct) =>
        {
            var group = ResolveRole(parse.GetRequiredValue(setRole));
            var clientId = await AccountIdAsync(globals.AccountOf(parse), session, ct).ConfigureAwait(false);
            var userId = parse.GetValue(setId);
            await ApproveAsync(parse, session, context, changes, string.Create(CultureInfo.InvariantCulture,
                $"Make user {userId} {group.Name?.ToString() ?? "group " + group.Id} in account {clientId}, replacing the current role?")).ConfigureAwait(false);
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
        var changes = new ChangeOptions(confirm: true);
        var command = new Command("email", "Change a user's e-mail address. The user's password approves it: typed at the prompt at a terminal (not shown), else the next line of stdin. Asks first at a terminal; elsewhere needs --yes.") { id, email };
        Help.SetExamples(command, "gcore-iam users email 3 --new-email ivan@example.org", "printf '%s\\n' \"$PASSWORD\" | gcore-iam users email 3 --new-email ivan@example.org --yes");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: false, changes), async (parse, session, output, ct) =>
        {
            var newEmail = parse.GetRequiredValue(email).Trim();
            var password = await ReadSecretLineAsync(context, $"the current password of user {parse.GetValue(id)}, to approve the change").ConfigureAwait(false);
            await ApproveAsync(parse, session, context, changes, string.Create(CultureInfo.InvariantCulture,
                $"Change user {parse.GetValue(id)}'s e-mail address to {newEmail}?")).ConfigureAwait(false);
            var result = await session.Client.Users.ChangeEmailAsync(parse.GetValue(id), new EmailChange { NewEmail = newEmail, Password = password }, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"The e-mail address is now {result.NewEmail}.").ConfigureAwait(false);
        });
        return command;
    }

    private static Command UsersPassword(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument("ID", "The user's id.");
        var changes = new ChangeOptions(confirm: true);
        var command = new Command("password", "Change a user's password: typed at prompts at a terminal (not shown; the new one twice), else the old one on the next line of stdin and the new one on the line after. Asks first at a terminal; elsewhere needs --yes.") { id };
        Help.SetExamples(command, "gcore-iam users password 3", "printf '%s\\n%s\\n' \"$OLD\" \"$NEW\" | gcore-iam users password 3 --yes");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: false, changes), async (parse, session, output, ct) =>
        {
            var userId = parse.GetValue(id);
            var old = await ReadSecretLineAsync(context, $"the current password of user {userId}").ConfigureAwait(false);
            var @new = await ReadSecretLineAsync(context, $"the new password of user {userId}").ConfigureAwait(false);
            if (context.Tty.InputIsTerminal && await ReadSecretLineAsync(context, "the new password again").ConfigureAwait(false) != @new)
            {
                throw new UsageException("The new password was typed differently the second time; nothing was changed.");
            }

            await ApproveAsync(parse, session, context, changes, string.Create(CultureInfo.InvariantCulture,
                $"Change user {userId}'s password? Gcore ends the user's other sessions.")).ConfigureAwait(false);
            await session.Client.Users.ChangePasswordAsync(parse.GetValue(id), new PasswordChange { Old = old, New = @new, Double = @new }, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Changed user {parse.GetValue(id)}'s password; Gcore ended the user's other sessions.")).ConfigureAwait(false);
        });
        return command;
    }

    private static Command UsersForgotPassword(GlobalOptions globals, CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The address of the user who forgot the password.", Required = true };
        var changes = new ChangeOptions(confirm: false);
        var command = new Command("forgot-password", "Send the password reset mail to a user.") { email };
        Help.SetExamples(command, "gcore-iam users forgot-password --email john.doe@example.com");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: false, changes), async (parse, session, output, ct) =>
        {
            var address = parse.GetRequiredValue(email).Trim();
            await ApproveAsync(parse, session, context, changes, "").ConfigureAwait(false);
            await session.Client.Auth.ForgotPasswordAsync(new PasswordReset { Email = address }, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Sent the password reset mail to {address}.").ConfigureAwait(false);
        });
        return command;
    }
}
