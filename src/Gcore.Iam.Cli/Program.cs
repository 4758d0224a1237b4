using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Gcore.Iam.Cli;

/// <summary>The <c>gcore-iam</c> entry point.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var stdout = StandardOutput();
        var context = CliContext.FromConsole() with { Out = stdout };
        var code = await CliApp.RunAsync(args, context).ConfigureAwait(false);
        try
        {
            await stdout.FlushAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The reader went away (a closed pipe): what it did not read is not needed.
        }

        return code;
    }

    /// <summary>
    /// stdout. .NET's console stream ignores a closed pipe (EPIPE) on Unix, so that a tool piped to
    /// <c>head</c> would go on fetching every page for no reader; when stdout is a pipe, the tool
    /// writes to the file descriptor itself, where a closed pipe is an <see cref="IOException"/>
    /// (.NET ignores SIGPIPE) that ends the walk. A terminal or a file (whose reader cannot go away,
    /// and which others may append to) keeps the console's stream.
    /// </summary>
    private static TextWriter StandardOutput()
    {
        if (!Console.IsOutputRedirected || OperatingSystem.IsWindows())
        {
            return Console.Out;
        }

        var stream = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        if (stream.CanSeek)
        {
            stream.Dispose(); // a file: FileStream would write at its own offset, over what others wrote
            return Console.Out;
        }

        return new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 16 * 1024) { AutoFlush = false };
    }
}
