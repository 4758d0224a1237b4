namespace Gcore.Iam.Cli;

/// <summary>The <c>gcore-iam</c> entry point.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, CliContext.FromConsole());
}
