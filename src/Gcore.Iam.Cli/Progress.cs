using System.Globalization;

namespace Gcore.Iam.Cli;

/// <summary>
/// The progress of a walk over every page (--all): one line on stderr that updates in place at a
/// terminal, and nothing at all when stderr is not a terminal (a log file or CI gets no noise).
/// </summary>
internal sealed class Progress(CliContext context, string noun)
{
    private readonly bool _shown = context.Tty.ErrorIsTerminal;
    private int _width;

    /// <summary>After a page: the positions fetched so far (from <paramref name="offset"/> + 1) of <paramref name="total"/>.</summary>
    public void Page(int offset, int fetched, int? total, int pages)
    {
        if (!_shown || fetched == 0)
        {
            return;
        }

        var plural = pages == 1 ? "" : "s";
        var line = total is { } all
            ? string.Create(CultureInfo.InvariantCulture, $"Fetched {noun} {offset + 1}-{offset + fetched} of {all} ({pages} page{plural})")
            : string.Create(CultureInfo.InvariantCulture, $"Fetched {fetched} {noun} ({pages} page{plural})");
        context.Error.Write("\r" + line.PadRight(_width));
        context.Error.Flush();
        _width = Math.Max(_width, line.Length);
    }

    /// <summary>Ends the line (the last count stays on the screen).</summary>
    public void Done()
    {
        if (_shown && _width > 0)
        {
            context.Error.WriteLine();
        }
    }
}
