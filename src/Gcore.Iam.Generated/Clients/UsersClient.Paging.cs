using System.Runtime.CompilerServices;

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
        return new UserPages(this, pageSize, cancellationToken);
    }

    /// <summary>
    /// The walk over <c>GET /iam/users</c>. Walking items uses the plain <see cref="ListUsersAsync"/>
    /// (no header copy per page); walking pages uses its raw twin, so that each page has its answer.
    /// </summary>
    private sealed class UserPages(UsersClient client, int pageSize, CancellationToken walkToken) : GcoreIamPageable<User>
    {
        public override IAsyncEnumerable<GcoreIamPage<User>> AsPages(int? offset = null, CancellationToken cancellationToken = default)
        {
            if (offset < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "offset must be 0 or more.");
            }

            return WalkAsync(offset ?? 0, raw: true, cancellationToken);
        }

        public override async IAsyncEnumerator<User> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            await foreach (var page in WalkAsync(0, raw: false, cancellationToken).ConfigureAwait(false))
            {
                foreach (var user in page.Values)
                {
                    yield return user;
                }
            }
        }

        private async IAsyncEnumerable<GcoreIamPage<User>> WalkAsync(int offset, bool raw, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var linked = walkToken.CanBeCanceled && cancellationToken.CanBeCanceled && walkToken != cancellationToken
                ? CancellationTokenSource.CreateLinkedTokenSource(walkToken, cancellationToken)
                : null;
            var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : walkToken);
            while (true)
            {
                UserPage page;
                GcoreIamResponse? answer = null;
                if (raw)
                {
                    var response = await client.ListUsersWithRawResponseAsync(pageSize, offset, token).ConfigureAwait(false);
                    (page, answer) = (response.Value, response);
                }
                else
                {
                    page = await client.ListUsersAsync(pageSize, offset, token).ConfigureAwait(false);
                }

                var results = page.Results ?? [];
                var next = offset + results.Count;
                var last = results.Count == 0 || page.IsUnpaged || next >= page.Count;
                yield return new GcoreIamPage<User>(
                    results.AsReadOnly(), offset, last ? null : next, page.Count, answer ?? NoAnswer);
                if (last)
                {
                    yield break;
                }

                offset = next;
            }
        }

        // The item walk never shows its pages, so they need no answer.
        private static readonly GcoreIamResponse NoAnswer = new(200, new Dictionary<string, IEnumerable<string>>(), 1);
    }
}
