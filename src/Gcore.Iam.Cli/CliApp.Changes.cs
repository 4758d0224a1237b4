using System.CommandLine;

namespace Gcore.Iam.Cli;

/// <summary>What a command does, for the checks every command shares: which account options it takes, whether it changes something and asks first.</summary>
/// <param name="ActsOnAccount">It works in one account (--account, default the key's own).</param>
/// <param name="Changes">Its --yes and --dry-run, when it changes something at Gcore; null when it only reads.</param>
internal sealed record CommandTraits(bool ActsOnAccount, CliApp.ChangeOptions? Changes)
{
    public static CommandTraits Reads { get; } = new(false, null);
}

/// <summary>Safety of the commands that change something: confirmation at a terminal, --yes elsewhere, --dry-run.</summary>
internal static partial class CliApp
{
    /// <summary>The checks that need no connection: options the command cannot use, a missing --yes outside a terminal.</summary>
    private static void CheckBeforeConnecting(ParseResult parse, GlobalOptions globals, CliContext context, CommandTraits traits)
    {
        if (!traits.ActsOnAccount && globals.AccountOf(parse) is { } account && UsernameOf(parse, globals, context) is null)
        {
            throw new UsageException(
                $"'{CommandPath(parse)}' does not work in one account, so --account {account} would change nothing: leave it out. "
                + "(With --username, --account selects the account the login works in.)");
        }

        if (traits.Changes is { Confirm: true } changes && !parse.GetValue(changes.Yes) && !parse.GetValue(changes.DryRun) && !context.Tty.IsInteractive)
        {
            throw new UsageException(
                $"'{CommandPath(parse)}' cannot be undone and asks first, but there is no terminal to ask at: "
                + "pass --yes to do it, or --dry-run to see the request it would send.");
        }
    }

    /// <summary>
    /// Right before the change: in a dry run, arms the session so that the change is printed, not
    /// sent; at a terminal, asks <paramref name="question"/> unless --yes was given (no: nothing changes, exit 130).
    /// </summary>
    private static async Task ApproveAsync(ParseResult parse, GcoreSession session, CliContext context, ChangeOptions changes, string question)
    {
        if (session.IsDryRun)
        {
            session.ArmDryRun();
            return;
        }

        if (!changes.Confirm || parse.GetValue(changes.Yes))
        {
            return;
        }

        await context.Error.WriteAsync($"{question} [y/N] ").ConfigureAwait(false);
        await context.Error.FlushAsync().ConfigureAwait(false);
        var answer = context.Tty.ReadLine()?.Trim();
        if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
        {
            throw new DeclinedException("Nothing was changed (not confirmed; --yes skips the question).");
        }
    }

    /// <summary>The command as typed without its arguments, such as "gcore-iam users revoke".</summary>
    private static string CommandPath(ParseResult parse) => ParseErrors.Path(parse.CommandResult);

    /// <summary>--yes and --dry-run of one command (nested so that <see cref="CommandTraits"/> can carry it).</summary>
    internal sealed class ChangeOptions
    {
        public ChangeOptions(bool confirm)
        {
            Confirm = confirm;
            Yes = new Option<bool>("--yes", "-y") { Description = "Do it without asking (needed outside a terminal)." };
            DryRun = new Option<bool>("--dry-run") { Description = "Print the request that would be sent (method, URL, body with secrets redacted) and send nothing." };
        }

        /// <summary>Whether the command asks before it changes anything (it cannot be undone).</summary>
        public bool Confirm { get; }

        public Option<bool> Yes { get; }

        public Option<bool> DryRun { get; }

        public void AddTo(Command command)
        {
            if (Confirm)
            {
                command.Add(Yes);
            }

            command.Add(DryRun);
        }
    }
}

/// <summary>A confirmation was answered no: nothing was changed.</summary>
internal sealed class DeclinedException(string message) : Exception(message);
