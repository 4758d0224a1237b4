using System.Runtime.CompilerServices;

namespace Gcore.Iam;

/// <summary>One page of an offset-paged list as a walk needs it: its items, the total, and the answer (pages walks only).</summary>
/// <param name="Items">The page's items (null reads as none).</param>
/// <param name="Count">The total the server reports.</param>
/// <param name="Unpaged">True when the server answered every item at once (the users list's bare array).</param>
/// <param name="Answer">The page's answer, for <see cref="GcoreIamPageable{T}.AsPages"/>; null for the item walk.</param>
internal readonly record struct OffsetPage<T>(IList<T>? Items, int Count, bool Unpaged, GcoreIamResponse? Answer);

/// <summary>
/// THE walk over an offset-paged list (the users, the login activity log): the next page starts at
/// offset + the length of the page before, and the walk stops when that reaches the total count,
/// a page comes back empty, or the server answered everything at once. One page is held at a time.
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
            var next = offset + items.Count;
            var last = items.Count == 0 || page.Unpaged || next >= page.Count;
            yield return new GcoreIamPage<T>(items.AsReadOnly(), offset, last ? null : next, page.Count, page.Answer ?? NoAnswer);
            if (last)
            {
                yield break;
            }

            offset = next;
        }
    }
}
