using System.CommandLine;

namespace Gcore.Iam.Cli;

/// <summary>
/// <c>gcore-iam completion bash|zsh|powershell</c>: prints a script that makes the shell complete
/// commands, options and their values by asking the tool itself (System.CommandLine's
/// <c>[suggest:N]</c> directive), so the completions always match the installed version.
/// </summary>
internal static partial class CliApp
{
    private const string BashScript = """
        # gcore-iam completion for bash: add to ~/.bashrc, or: source <(gcore-iam completion bash)
        _gcore_iam_complete() {
            local IFS=$'\n'
            local candidates
            candidates=$(gcore-iam "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
            COMPREPLY=( $(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _gcore_iam_complete gcore-iam
        """;

    private const string ZshScript = """
        # gcore-iam completion for zsh: add to ~/.zshrc, or: source <(gcore-iam completion zsh)
        _gcore_iam_complete() {
            local -a candidates
            candidates=("${(@f)$(gcore-iam "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            compadd -- "${candidates[@]}"
        }
        compdef _gcore_iam_complete gcore-iam
        """;

    private const string PowerShellScript = """
        # gcore-iam completion for PowerShell: add to $PROFILE, or: gcore-iam completion powershell | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName gcore-iam -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            gcore-iam "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;

    private static Command CompletionCommand()
    {
        var shell = new Argument<string>("SHELL") { Description = "bash, zsh or powershell." }.AcceptOnlyFromAmong("bash", "zsh", "powershell");
        var command = new Command("completion", "Print the shell script that completes gcore-iam's commands and options (bash, zsh, PowerShell).") { shell };
        Help.SetExamples(command, "gcore-iam completion bash >> ~/.bashrc", "gcore-iam completion powershell >> $PROFILE");
        command.SetAction(parse =>
        {
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(shell) switch
            {
                "bash" => BashScript,
                "zsh" => ZshScript,
                _ => PowerShellScript,
            });
            return ExitCodes.Success;
        });
        return command;
    }
}
