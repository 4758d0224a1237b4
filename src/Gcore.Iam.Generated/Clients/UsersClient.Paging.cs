namespace Gcore.Iam;

/// <summary>Users of the accounts the API key can see (implemented by <see cref="UsersClient"/>).</summary>
public partial interface IUsersClient
{
    /// <summary>
    /// Every user, page by page: the next page starts at offset + the length of the page before,
    /// and the walk stops when that reaches the total count or a page comes back empty. Only one
    /// page is held at a time. <c>await foreach</c> over it gives the users;
    /// <see cref="GcoreIamPageable{T}.AsPages"/> gives the pages, with the offset to continue from.
    /// </summary>
    /// <param name="pageSize">Users per request (1 to <see cref="UsersClient.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>The users, in the server's order.</returns>
    GcoreIamPageable<User> ListAllUsersAsync(int pageSize = UsersClient.DefaultPageSize, CancellationToken cancellationToken = default);
}

public partial class UsersClient
{
    /// <summary>The page size <see cref="ListAllUsersAsync"/> uses unless told otherwise.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page size the API accepts (the spec's maximum of <c>limit</c>).</summary>
    public const int MaxPageSize = ListUsersMaxLimit;

    /// <inheritdoc/>
    public virtual GcoreIamPageable<User> ListAllUsersAsync(int pageSize = DefaultPageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        return new OffsetPages<User>(
            async (size, offset, raw, token) =>
            {
                var response = raw ? await ListUsersWithRawResponseAsync(size, offset, token).ConfigureAwait(false) : null;
                var page = response is not null ? response.Value : await ListUsersAsync(size, offset, token).ConfigureAwait(false);
                return new OffsetPage<User>(page.Results, page.Count, page.IsUnpaged, response);
            },
            pageSize,
            cancellationToken);
    }
}
