using System.Runtime.CompilerServices;

namespace Gcore.Iam;

/// <summary>Users of the accounts the API key can see (implemented by <see cref="UsersClient"/>).</summary>
public partial interface IUsersClient
{
    /// <summary>
    /// Every user, page by page: the next page starts at offset + the length of the page before,
    /// and the walk stops when that reaches the total count or a page comes back empty. Only one
    /// page is held at a time.
    /// </summary>
    /// <param name="pageSize">Users per request (1 to <see cref="UsersClient.MaxPageSize"/>).</param>
    /// <param name="cancellationToken">Stops the walk.</param>
    /// <returns>The users, in the server's order.</returns>
    IAsyncEnumerable<User> ListAllUsersAsync(int pageSize = UsersClient.DefaultPageSize, CancellationToken cancellationToken = default);
}

public partial class UsersClient
{
    /// <summary>The page size <see cref="ListAllUsersAsync"/> uses unless told otherwise.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page size the API accepts (the spec's maximum of <c>limit</c>).</summary>
    public const int MaxPageSize = ListUsersMaxLimit;

    /// <inheritdoc/>
    public virtual async IAsyncEnumerable<User> ListAllUsersAsync(
        int pageSize = DefaultPageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        var offset = 0;
        while (true)
        {
            var page = await ListUsersAsync(pageSize, offset, cancellationToken).ConfigureAwait(false);
            var results = page.Results;
            if (results is null || results.Count == 0)
            {
                yield break;
            }

            foreach (var user in results)
            {
                yield return user;
            }

            offset += results.Count;
            if (page.IsUnpaged || offset >= page.Count)
            {
                yield break;
            }
        }
    }
}
