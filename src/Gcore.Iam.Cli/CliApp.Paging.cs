namespace Gcore.Iam.Cli;

/// <summary>--all: every page written as it arrives, with one progress line.</summary>
internal static partial class CliApp
{
    /// <summary>
    /// Writes each page as it arrives and fetches the next only after; a reader that goes away ends
    /// the walk at the next write (no further page is requested).
    /// </summary>
    private static async Task WriteEveryPageAsync<T>(IAsyncEnumerable<GcoreIamPage<T>> pages, int offset, OutputWriter.ListWriter<T> list, Progress progress)
    {
        var fetched = 0;
        var count = 0;
        try
        {
            await foreach (var page in pages.ConfigureAwait(false))
            {
                count++;
                fetched += page.Values.Count;
                list.Add(page.Values);
                progress.Page(offset, fetched, page.TotalCount, count);
            }

            list.Complete();
        }
        finally
        {
            progress.Done();
        }
    }
}
