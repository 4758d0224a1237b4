using System.Runtime.CompilerServices;

namespace Gcore.Iam;

/// <summary>
/// A page model that may stand for the whole list at once (the users list answers a bare array of every
/// user when <c>limit</c> is absent: <see cref="UserPage.IsUnpaged"/>); the walk then stops after it.
/// </summary>
internal interface IMaybeUnpaged
{
    /// <summary>True when the server answered every item at once instead of a page.</summary>
    bool IsUnpaged { get; }
}

/// <summary>THE rule of offset paging, for the walker, the CLI and the fake alike.</summary>
internal static class OffsetPaging
{
    /// <summary>
    /// Where the page after one starts: offset + the length of the page, or null when there is none:
    /// the page was empty, the server answered everything at once, or offset + length reached the total.
    /// </summary>
    /// <param name="offset">Where the page started.</param>
    /// <param name="pageLength">How many items it held.</param>
    /// <param name="total">The total the server reported.</param>
    /// <param name="unpaged">True when the server answered every item at once.</param>
    /// <returns>The next page's offset, or null on the last page.</returns>
    public static int? NextOffset(int offset, int pageLength, int total, bool unpaged = false) =>
        pageLength == 0 || unpaged || offset + pageLength >= total ? null : offset + pageLength;
}

/// <summary>One page of an offset-paged list as a walk needs it: its items, the total, and the answer (pages walks only).</summary>
/// <param name="Items">The page's items (null reads as none).</param>
/// <param name="Count">The total the server reports.</param>
/// <param name="Unpaged">True when the server answered every item at once (the users list's bare array).</param>
/// <param name="Answer">The page's answer, for <see cref="GcoreIamPageable{T}.AsPages"/>; null for the item walk.</param>
internal readonly record struct OffsetPage<T>(IList<T>? Items, int Count, bool Unpaged, GcoreIamResponse? Answer)
{
    /// <summary>A page as the generated walker reads it from the page model (<c>x-gcore-paging</c>: its items and total members).</summary>
    public static OffsetPage<T> Of(IList<T>? items, int count, object page, GcoreIamResponse? answer) =>
        new(items, count, page is IMaybeUnpaged { IsUnpaged: true }, answer);
}

/// <summary>
/// THE walk over an offset-paged list (every list the operation table declares paged: the users, the
/// login activity log), created by each generated walker (templates/Client.Class.Paging.liquid): the
/// next page is <see cref="OffsetPaging.NextOffset"/>. One page is held at a time.
/// Walking items uses the plain call (no header copy per page); walking pages the raw one, so that
/// each page has its answer.
/// </summary>
/// <param name="fetch">Gets the page of (page size, offset); raw when the third argument is true.</param>
/// <param name="pageSize">Items per request.</param>
/// <param name="walkToken">The token the walk was started with.</param>
internal sealed class OffsetPages<T>(Func<int, int, bool, CancellationToken, Task<OffsetPage<T>>> fetch, int pageSize, CancellationToken walkToken)
    : GcoreIamPageable<T>
{
    // The item walk never shows its pages, so they need no answer.
    private static readonly GcoreIamResponse NoAnswer = new(200, new Dictionary<string, IEnumerable<string>>(), 1);

    public override IAsyncEnumerable<GcoreIamPage<T>> AsPages(int? offset = null, CancellationToken cancellationToken = default)
    {
        if (offset < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "offset must be 0 or more.");
        }

        return WalkAsync(offset ?? 0, raw: true, cancellationToken);
    }

    public override async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in WalkAsync(0, raw: false, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Values)
            {
                yield return item;
            }
        }
    }

    private async IAsyncEnumerable<GcoreIamPage<T>> WalkAsync(int offset, bool raw, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = walkToken.CanBeCanceled && cancellationToken.CanBeCanceled && walkToken != cancellationToken
            ? CancellationTokenSource.CreateLinkedTokenSource(walkToken, cancellationToken)
            : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : walkToken);
        while (true)
        {
            var page = await fetch(pageSize, offset, raw, token).ConfigureAwait(false);
            var items = page.Items ?? [];
            var next = OffsetPaging.NextOffset(offset, items.Count, page.Count, page.Unpaged);
            yield return new GcoreIamPage<T>(items.AsReadOnly(), offset, next, page.Count, page.Answer ?? NoAnswer);
            if (next is not { } nextOffset)
            {
                yield break;
            }

            offset = nextOffset;
        }
    }
}
