namespace Gcore.Iam;

/// <summary>What happened in the account: the login activity log (implemented by <see cref="ActivityClient"/>).</summary>
public partial interface IActivityClient
{
    /// <summary>
    /// Every login of the activity log, page by page: the next page starts at offset + the length of
    /// the page before, and the walk stops when that reaches the total count or a page comes back
    /// empty. Only one page is held at a time. <c>await foreach</c> over it gives the logins;
    /// <see cref="GcoreIamPageable{T}.AsPages"/> gives the pages, with the offset to continue from.
    /// </summary>
    /// <param name="pageSize">Logins per request (1 or more).</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>The logins, in the server's order.</returns>
    GcoreIamPageable<LoginActivity> ListAllLoginsAsync(int pageSize = ActivityClient.DefaultPageSize, CancellationToken cancellationToken = default);
}

public partial class ActivityClient
{
    /// <summary>The page size <see cref="ListAllLoginsAsync"/> uses unless told otherwise.</summary>
    public const int DefaultPageSize = 100;

    /// <inheritdoc/>
    public virtual GcoreIamPageable<LoginActivity> ListAllLoginsAsync(int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return new OffsetPages<LoginActivity>(
            async (size, offset, raw, token) =>
            {
                var response = raw ? await ListLoginsWithRawResponseAsync(size, offset, token).ConfigureAwait(false) : null;
                var page = response is not null ? response.Value : await ListLoginsAsync(size, offset, token).ConfigureAwait(false);
                return new OffsetPage<LoginActivity>(page.Result, page.Count, Unpaged: false, response);
            },
            pageSize,
            cancellationToken);
    }
}
