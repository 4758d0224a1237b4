using Gcore.Iam.Benchmarks.Baselines;

namespace Gcore.Iam.Benchmarks;

/// <summary>The three ways of making the same calls, built over one transport, and the inputs they share.</summary>
public sealed class Variants : IDisposable
{
    /// <summary>A made-up key in Gcore's format.</summary>
    public const string ApiKey = "4242_BenchmarkKey0123456789abcdef";

    public const int UserId = 4242;

    public Variants(HttpMessageHandler transport, Uri baseAddress)
    {
        Client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = baseAddress }, transport);
        Newtonsoft = new NewtonsoftBaseline(transport, baseAddress, ApiKey);
        Stj = new SystemTextJsonFloor(transport, baseAddress, ApiKey);
    }

    public GcoreIamClient Client { get; }

    public NewtonsoftBaseline Newtonsoft { get; }

    public SystemTextJsonFloor Stj { get; }

    /// <summary>A typical PATCH: a new name and phone, the language.</summary>
    public UserUpdate Update { get; } = new() { Name = "Anna Schmidt-Novak", Phone = "+49 30 7654321", Lang = UserLanguage.De };

    public StjUserUpdate StjUpdate { get; } = new() { Name = "Anna Schmidt-Novak", Phone = "+49 30 7654321", Lang = "de" };

    public void Dispose()
    {
        Client.Dispose();
        Newtonsoft.Dispose();
        Stj.Dispose();
    }

    /// <summary>
    /// Runs each call once through all three and fails if they disagree, so that a benchmark can
    /// never compare different work.
    /// </summary>
    public async Task VerifySameResultsAsync(int walkPageSize, int walkTotal)
    {
        var c = await Client.Users.ListUsersAsync(walkPageSize, 0).ConfigureAwait(false);
        var n = await Newtonsoft.ListUsersAsync(walkPageSize, 0).ConfigureAwait(false);
        var s = await Stj.ListUsersAsync(walkPageSize, 0).ConfigureAwait(false);
        Same("list count", c.Results.Count, n.Results.Count, s.Results.Count);
        Same("list last email", c.Results[^1].Email, n.Results[^1].Email, s.Results[^1].Email);
        Same("list last auth types", string.Join(",", c.Results[^1].AuthTypes!), string.Join(",", n.Results[^1].AuthTypes!), string.Join(",", s.Results[^1].AuthTypes!));

        var gc = await Client.Users.GetUserAsync(UserId).ConfigureAwait(false);
        var gn = await Newtonsoft.GetUserAsync(UserId).ConfigureAwait(false);
        var gs = await Stj.GetUserAsync(UserId).ConfigureAwait(false);
        Same("get email", gc.Email, gn.Email, gs.Email);

        var uc = await Client.Users.UpdateUserAsync(UserId, Update).ConfigureAwait(false);
        var un = await Newtonsoft.UpdateUserAsync(UserId, Update).ConfigureAwait(false);
        var us = await Stj.UpdateUserAsync(UserId, StjUpdate).ConfigureAwait(false);
        Same("update id", uc.Id, un.Id, us.Id);

        var wc = await CountAsync(Client.Users.ListAllUsersAsync(walkPageSize)).ConfigureAwait(false);
        var wn = await CountAsync(Newtonsoft.ListAllUsersAsync(walkPageSize)).ConfigureAwait(false);
        var ws = await CountAsync(Stj.ListAllUsersAsync(walkPageSize)).ConfigureAwait(false);
        Same("walk count", wc, wn, ws);
        Same("walk total", walkTotal, wc, wc);
    }

    /// <summary>Walks a sequence of users; returns how many, with their ids summed in so the walk is not optimised away.</summary>
    public static async Task<long> CountAsync<T>(IAsyncEnumerable<T> users)
    {
        long count = 0;
        await foreach (var user in users.ConfigureAwait(false))
        {
            count += user is null ? 0 : 1;
        }

        return count;
    }

    private static void Same<T>(string what, T client, T newtonsoft, T stj)
    {
        if (!EqualityComparer<T>.Default.Equals(client, newtonsoft) || !EqualityComparer<T>.Default.Equals(client, stj))
        {
            throw new InvalidOperationException($"The variants disagree on {what}: client {client}, Newtonsoft {newtonsoft}, STJ {stj}.");
        }
    }
}
