using System.CommandLine;
using System.Globalization;

namespace Gcore.Iam.Cli;

internal static partial class CliApp
{

    private static readonly Column<User>[] UserColumns =
    [
        new("ID", u => OutputWriter.Text(u.Id)),
        new("EMAIL", u => u.Email),
        new("NAME", u => u.Name),
        new("PHONE", u => u.Phone),
        new("LANG", u => u.Lang.Value),
        new("ROLES", u => OutputWriter.Join(u.Groups, g => g.Name?.Value ?? OutputWriter.Text(g.Id))),
        new("AUTH", u => OutputWriter.Join(u.AuthTypes, a => a.Value)),
        new("TYPE", u => u.UserType.Value),
        new("ACTIVE", u => OutputWriter.Text(u.IsActive)),
    ];

    private static readonly Column<User>[] UserFields =
    [
        .. UserColumns,
        new("ACCOUNT", u => OutputWriter.Text(u.Client)),
        new("COMPANY", u => u.Company),
        new("ACTIVATED", u => OutputWriter.Text(u.Activated)),
        new("2FA", u => OutputWriter.Text(u.TwoFa)),
        new("SSO", u => OutputWriter.Text(u.SsoAuth)),
    ];

    private static readonly Column<UserInviteResult>[] InviteFields =
    [
        new("USER ID", r => OutputWriter.Text(r.UserId)),
        new("STATUS", r => r.Status),
    ];

    private static Command UsersCommand(GlobalOptions globals, CliContext context)
    {
        var users = new Command("users", "Users of the accounts the key can see: list, get, update, invite, revoke; their role, e-mail address and password.");
        Help.SetExamples(users, "gcore-iam users list", "gcore-iam users get 3 -o json");
        users.Add(UsersList(globals, context));
        users.Add(UsersGet(globals, context));
        users.Add(UsersUpdate(globals, context));
        users.Add(UsersInvite(globals, context));
        users.Add(UsersRevoke(globals, context));
        foreach (var command in UserAccessCommands(globals, context))
        {
            users.Add(command);
        }

        return users;
    }

    private static Command UsersList(GlobalOptions globals, CliContext context)
    {
        var all = new Option<bool>("--all") { Description = "Every user, walking page by page (--limit sets the page size, default 100)." };
        var limit = new Option<int?>("--limit")
        {
            Description = $"Users per page, 1 to {UsersClient.MaxPageSize} (default {UsersClient.ListUsersDefaultLimit}; with --all {UsersClient.DefaultPageSize}).",
            CustomParser = r => ParseInt(r, "--limit", min: 1, max: UsersClient.MaxPageSize),
        };
        var offset = new Option<int?>("--offset")
        {
            Description = "Users to skip first (default 0).",
            CustomParser = r => ParseInt(r, "--offset", min: 0, max: int.MaxValue),
        };
        var command = new Command("list", "List users: one page, or every page with --all.") { all, limit, offset };
        Help.SetExamples(command, "gcore-iam users list --limit 20 --offset 40", "gcore-iam users list --all --output jsonl | jq .email");
        SetRun(command, globals, context, async (parse, session, output, ct) =>
        {
            var start = parse.GetValue(offset) ?? 0;
            if (!parse.GetValue(all))
            {
                var page = await session.Client.Users.ListUsersAsync(parse.GetValue(limit) ?? UsersClient.ListUsersDefaultLimit, start, ct).ConfigureAwait(false);
                var rows = page.Results?.ToList() ?? [];
                output.WriteList(rows, UserColumns);
                if (PageNote("users", "user", start, rows.Count, page.Count, page.IsUnpaged) is { } note)
                {
                    await context.Error.WriteLineAsync(note).ConfigureAwait(false);
                }

                return;
            }

            var pageSize = parse.GetValue(limit) ?? UsersClient.DefaultPageSize;
            await WriteEveryPageAsync(
                session.Client.Users.ListAllUsersAsync(pageSize, ct).AsPages(start, ct), start, output.StartList(UserColumns), new Progress(context, "users")).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>
    /// The note under one page of a list (users, logins): which items it shows and the offset of the next
    /// page (<see cref="OffsetPaging.NextOffset"/>, the one rule), or, for an empty page, that there is none
    /// there. Never offers the page shown as the next one; null when the page is the whole rest of the list.
    /// </summary>
    internal static string? PageNote(string items, string item, int start, int shown, int count, bool unpaged = false)
    {
        if (unpaged)
        {
            return null;
        }

        if (shown == 0)
        {
            return start > 0 || count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"No {items} at offset {start}; Gcore counts {count}. Give a smaller --offset, or use --all for every {item}.")
                : null;
        }

        return OffsetPaging.NextOffset(start, shown, count) is { } next
            ? string.Create(CultureInfo.InvariantCulture, $"Showing {items} {start + 1L}-{next} of {count}; use --all for every {item}, or --offset {next} for the next page.")
            : null;
    }

    private static Command UsersGet(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument("ID", "The user's id.");
        var command = new Command("get", "Show one user.") { id };
        Help.SetExamples(command, "gcore-iam users get 3", "gcore-iam users get 3 -o json");
        SetRun(command, globals, context, async (parse, session, output, ct) =>
        {
            var user = await session.Client.Users.GetUserAsync(parse.GetValue(id), ct).ConfigureAwait(false);
            output.WriteObject(user, UserFields);
        });
        return command;
    }

    private static Command UsersUpdate(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument("ID", "The user's id.");
        var name = new Option<string?>("--name") { Description = "The new name." };
        var phone = new Option<string?>("--phone") { Description = "The new phone number." };
        var lang = new Option<string?>("--lang") { Description = "The new language: de, en, ru, zh or az." };
        var clearName = new Option<bool>("--clear-name") { Description = "Remove the name." };
        var clearPhone = new Option<bool>("--clear-phone") { Description = "Remove the phone number." };
        var changes = new ChangeOptions(confirm: false);
        var command = new Command("update", "Change a user's name, phone or language; only the fields given change.") { id, name, phone, lang, clearName, clearPhone };
        Help.SetExamples(command, "gcore-iam users update 4 --name \"Li Wei\" --clear-phone", "gcore-iam users update 4 --lang de");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: false, changes), async (parse, session, output, ct) =>
        {
            var update = new UserUpdate();
            if (parse.GetValue(name) is { } newName)
            {
                update.Name = parse.GetValue(clearName) ? throw new UsageException("Give --name or --clear-name, not both.") : newName;
            }
            else if (parse.GetValue(clearName))
            {
                update.Name = null;
            }

            if (parse.GetValue(phone) is { } newPhone)
            {
                update.Phone = parse.GetValue(clearPhone) ? throw new UsageException("Give --phone or --clear-phone, not both.") : newPhone;
            }
            else if (parse.GetValue(clearPhone))
            {
                update.Phone = null;
            }

            if (parse.GetValue(lang) is { } newLang)
            {
                update.Lang = string.IsNullOrWhiteSpace(newLang) ? throw new UsageException("--lang needs a language code such as en.") : new UserLanguage(newLang.Trim());
            }

            if (!update.NameIsSet && !update.PhoneIsSet && update.Lang is null)
            {
                throw new UsageException("Nothing to update: give --name, --phone, --lang, --clear-name or --clear-phone.");
            }

            await ApproveAsync(parse, session, context, changes, "").ConfigureAwait(false);
            var user = await session.Client.Users.UpdateUserAsync(parse.GetValue(id), update, ct).ConfigureAwait(false);
            output.WriteObject(user, UserFields);
        });
        return command;
    }

    private static Command UsersInvite(GlobalOptions globals, CliContext context)
    {
        var email = new Option<string>("--email") { Description = "The address to send the invitation to.", Required = true };
        var role = new Option<string>("--role") { Description = "The role: a group id or name (Administrators, Users, Engineers, ...).", Required = true };
        var name = new Option<string?>("--name") { Description = "The user's name." };
        var lang = new Option<string?>("--lang") { Description = "The user's language: de, en, ru, zh or az." };
        var changes = new ChangeOptions(confirm: false);
        var command = new Command("invite", "Invite a user to an account (--account, default: the key's own).") { email, role, name, lang };
        Help.SetExamples(command, "gcore-iam users invite --email new@example.com --role Users", "gcore-iam users invite --email ops@example.com --role Engineers --account 200001");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: true, changes), async (parse, session, output, ct) =>
        {
            var group = ResolveRole(parse.GetRequiredValue(role));
            var address = parse.GetRequiredValue(email).Trim();
            if (address.Length == 0)
            {
                throw new UsageException("--email needs an address.");
            }

            var invite = new UserInvite
            {
                ClientId = await AccountIdAsync(globals.AccountOf(parse), session, ct).ConfigureAwait(false),
                Email = address,
                UserRole = group,
                Name = parse.GetValue(name),
                Lang = parse.GetValue(lang) is { Length: > 0 } l ? new UserLanguage(l.Trim()) : (UserLanguage?)null,
            };
            await ApproveAsync(parse, session, context, changes, "").ConfigureAwait(false);
            var result = await session.Client.Users.InviteUserAsync(invite, ct).ConfigureAwait(false);
            output.WriteObject(result, InviteFields);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Invited {address} as {group.Name ?? "group " + group.Id} to account {invite.ClientId}: user id {result.UserId}.")).ConfigureAwait(false);
        });
        return command;
    }

    private static Command UsersRevoke(GlobalOptions globals, CliContext context)
    {
        var id = IdArgument("ID", "The user's id.");
        var changes = new ChangeOptions(confirm: true);
        var command = new Command("revoke", "Revoke a user's access to an account (--account, default: the key's own); a user with no other account is deleted. Asks first at a terminal; elsewhere needs --yes.") { id };
        Help.SetExamples(command, "gcore-iam users revoke 3", "gcore-iam users revoke 3 --account 200001 --yes");
        SetRun(command, globals, context, new CommandTraits(ActsOnAccount: true, changes), async (parse, session, output, ct) =>
        {
            var userId = parse.GetValue(id);
            var clientId = await AccountIdAsync(globals.AccountOf(parse), session, ct).ConfigureAwait(false);
            await ApproveAsync(parse, session, context, changes, string.Create(CultureInfo.InvariantCulture,
                $"Revoke user {userId}'s access to account {clientId}? A user with no other account is deleted.")).ConfigureAwait(false);
            await session.Client.Users.RevokeAccessAsync(clientId, userId, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Revoked user {userId}'s access to account {clientId}.")).ConfigureAwait(false);
        });
        return command;
    }
}
