using System.Runtime.CompilerServices;

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
        return new LoginPages(this, pageSize, cancellationToken);
    }

    /// <summary>The walk over <c>GET /iam/activity_log/logins</c>, as the users' walk (its <c>count</c> is a JSON number).</summary>
    private sealed class LoginPages(ActivityClient client, int pageSize, CancellationToken walkToken) : GcoreIamPageable<LoginActivity>
    {
        // The item walk never shows its pages, so they need no answer.
        private static readonly GcoreIamResponse NoAnswer = new(200, new Dictionary<string, IEnumerable<string>>(), 1);

        public override IAsyncEnumerable<GcoreIamPage<LoginActivity>> AsPages(int? offset = null, CancellationToken cancellationToken = default)
        {
            if (offset < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "offset must be 0 or more.");
            }

            return WalkAsync(offset ?? 0, raw: true, cancellationToken);
        }

        public override async IAsyncEnumerator<LoginActivity> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            await foreach (var page in WalkAsync(0, raw: false, cancellationToken).ConfigureAwait(false))
            {
                foreach (var login in page.Values)
                {
                    yield return login;
                }
            }
        }

        private async IAsyncEnumerable<GcoreIamPage<LoginActivity>> WalkAsync(int offset, bool raw, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var linked = walkToken.CanBeCanceled && cancellationToken.CanBeCanceled && walkToken != cancellationToken
                ? CancellationTokenSource.CreateLinkedTokenSource(walkToken, cancellationToken)
                : null;
            var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : walkToken);
            while (true)
            {
                LoginActivityPage page;
                GcoreIamResponse? answer = null;
                if (raw)
                {
                    var response = await client.ListLoginsWithRawResponseAsync(pageSize, offset, token).ConfigureAwait(false);
                    (page, answer) = (response.Value, response);
                }
                else
                {
                    page = await client.ListLoginsAsync(pageSize, offset, token).ConfigureAwait(false);
                }

                var results = page.Result ?? [];
                var next = offset + results.Count;
                var count = page.Count >= int.MaxValue ? int.MaxValue : (int)Math.Ceiling(page.Count);
                var last = results.Count == 0 || next >= count;
                yield return new GcoreIamPage<LoginActivity>(results.AsReadOnly(), offset, last ? null : next, count, answer ?? NoAnswer);
                if (last)
                {
                    yield break;
                }

                offset = next;
            }
        }
    }
}
