using System.Runtime.CompilerServices;

namespace Gcore.Iam;

/// <summary>
/// A list that is fetched page by page (in the style of Azure's <c>AsyncPageable&lt;T&gt;</c>):
/// <c>await foreach</c> over it walks every item; <see cref="AsPages"/> walks the pages, with
/// the offset to continue from. Nothing is fetched until it is enumerated, and only one page is
/// held at a time. Build one in your own tests with <c>GcoreIamModelFactory.Pageable</c>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public abstract class GcoreIamPageable<T> : IAsyncEnumerable<T>
{
    /// <summary>For mocking: a subclass answers <see cref="AsPages"/>.</summary>
    protected GcoreIamPageable()
    {
    }

    /// <summary>
    /// The pages, from <paramref name="offset"/> (the start of the list when null; a
    /// <see cref="GcoreIamPage{T}.NextOffset"/> to continue an earlier walk). Each page carries its
    /// raw answer.
    /// </summary>
    /// <param name="offset">The offset of the first item wanted.</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>The pages, in order.</returns>
    public abstract IAsyncEnumerable<GcoreIamPage<T>> AsPages(int? offset = null, CancellationToken cancellationToken = default);

    /// <summary>Every item, page by page.</summary>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>The enumerator.</returns>
    public virtual async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        await foreach (var page in AsPages(null, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.Values)
            {
                yield return item;
            }
        }
    }

    /// <summary>A pageable over pages already in memory (what <c>GcoreIamModelFactory.Pageable</c> builds).</summary>
    internal sealed class FromPages(IReadOnlyList<GcoreIamPage<T>> pages) : GcoreIamPageable<T>
    {
        public override async IAsyncEnumerable<GcoreIamPage<T>> AsPages(int? offset = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (offset is { } start && page.Offset + page.Values.Count <= start && page.Values.Count > 0)
                {
                    continue;
                }

                await Task.Yield();
                yield return page;
            }
        }
    }
}
