using Gcore.Iam;

namespace Gcore.Iam.Consumer.NetStandard;

/// <summary>
/// A netstandard2.0 library's use of the client: it lists users through whatever <see cref="IUsersClient"/>
/// its host hands it (from dependency injection), or through a client of its own.
/// </summary>
public sealed class UserDirectory
{
    private readonly IUsersClient _users;

    /// <summary>Lists through the host's client.</summary>
    /// <param name="users">The users area, for example from the host's container.</param>
    public UserDirectory(IUsersClient users) => _users = users ?? throw new ArgumentNullException(nameof(users));

    /// <summary>Every user of the account, page by page (<c>ListAllUsersAsync</c>), as "id e-mail".</summary>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>One line per user, in the order Gcore lists them.</returns>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default)
    {
        var lines = new List<string>();
        await foreach (var user in _users.ListAllUsersAsync(pageSize: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            lines.Add(user.Id + " " + user.Email);
        }

        return lines;
    }

    /// <summary>The same list through a standalone client the library builds itself.</summary>
    /// <param name="baseUrl">Gcore's base URL (the fake's, in the consumer).</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>One line per user.</returns>
    public static async Task<IReadOnlyList<string>> ListWithOwnClientAsync(Uri baseUrl, string apiKey, CancellationToken cancellationToken = default)
    {
        using var gcore = new GcoreIamClient(new GcoreIamClientOptions { BaseUrl = baseUrl, ApiKey = apiKey });
        return await new UserDirectory(gcore.Users).ListAsync(cancellationToken).ConfigureAwait(false);
    }
}
