namespace Gcore.Iam;

/// <summary>
/// One page of a list, as <see cref="GcoreIamPageable{T}.AsPages"/> yields it (in the style of
/// Azure's <c>Page&lt;T&gt;</c>): its values, where it starts, the offset to continue from, the total
/// the server reported, and the raw answer. Build one in your own tests with
/// <see cref="GcoreIamModelFactory.Page{T}"/>.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class GcoreIamPage<T>
{
    private readonly GcoreIamResponse _rawResponse;

    internal GcoreIamPage(IReadOnlyList<T> values, int offset, int? nextOffset, int? totalCount, GcoreIamResponse rawResponse)
    {
        Values = values;
        Offset = offset;
        NextOffset = nextOffset;
        TotalCount = totalCount;
        _rawResponse = rawResponse;
    }

    /// <summary>The items of this page, in the server's order.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>The offset of the first item of this page.</summary>
    public int Offset { get; }

    /// <summary>
    /// The offset the next page starts at (pass it to <see cref="GcoreIamPageable{T}.AsPages"/> to
    /// continue later, from another process even), or null when this is the last page.
    /// </summary>
    public int? NextOffset { get; }

    /// <summary>How many items the whole list has, as the server reported it with this page (null when it did not say).</summary>
    public int? TotalCount { get; }

    /// <summary>The answer this page came in: status, headers, Gcore's request id.</summary>
    /// <returns>The raw response.</returns>
    public GcoreIamResponse GetRawResponse() => _rawResponse;

    /// <summary>Describes the page by position (not its items).</summary>
    /// <returns>For example <c>GcoreIamPage { Offset = 100, Values = 100, NextOffset = 200, TotalCount = 1234 }</c>.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"GcoreIamPage {{ Offset = {Offset}, Values = {Values.Count}, NextOffset = {(NextOffset?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(last page)")}, TotalCount = {(TotalCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unknown)")} }}");
}
