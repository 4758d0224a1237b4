using Gcore.Iam.Benchmarks.Baselines;

namespace Gcore.Iam.Benchmarks;

/// <summary>The four ways of making the same calls, built over one transport, and the inputs they share.</summary>
public sealed class Variants : IDisposable
{
    /// <summary>A made-up key in Gcore's format.</summary>
    public const string ApiKey = "4242_BenchmarkKey0123456789abcdef";

    public const int UserId = 4242;

    public Variants(HttpMessageHandler transport, Uri baseAddress)
    {
        Client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = baseAddress }, transport);
        HandWritten = new HandWrittenBaseline(transport, baseAddress, ApiKey);
        Generated = new GeneratedModelBaseline(transport, baseAddress, ApiKey);
        Stj = new SystemTextJsonFloor(transport, baseAddress, ApiKey);
    }

    public GcoreIamClient Client { get; }

    public HandWrittenBaseline HandWritten { get; }

    public GeneratedModelBaseline Generated { get; }

    public SystemTextJsonFloor Stj { get; }

    /// <summary>A typical PATCH: a new name and phone, the language.</summary>
    public UserUpdate Update { get; } = new() { Name = "Anna Schmidt-Novak", Phone = "+49 30 7654321", Lang = UserLanguage.De };

    public HwUserUpdate HandWrittenUpdate { get; } = new() { Name = "Anna Schmidt-Novak", Phone = "+49 30 7654321", Lang = HwLanguage.De };

    public StjUserUpdate StjUpdate { get; } = new() { Name = "Anna Schmidt-Novak", Phone = "+49 30 7654321", Lang = "de" };

    public void Dispose()
    {
        Client.Dispose();
        HandWritten.Dispose();
        Generated.Dispose();
        Stj.Dispose();
    }

    /// <summary>
    /// Runs each call once through all four and fails if they disagree, so that a benchmark can
    /// never compare different work.
    /// </summary>
    public async Task VerifySameResultsAsync(int walkPageSize, int walkTotal)
    {
        var c = await Client.Users.ListUsersAsync(walkPageSize, 0).ConfigureAwait(false);
        var h = await HandWritten.ListUsersAsync(walkPageSize, 0).ConfigureAwait(false);
        var g = await Generated.ListUsersAsync(walkPageSize, 0).ConfigureAwait(false);
        var s = await Stj.ListUsersAsync(walkPageSize, 0).ConfigureAwait(false);
        Same("list count", c.Results.Count, h.Results!.Count, g.Results.Count, s.Results.Count);
        Same("list last email", c.Results[^1].Email, h.Results[^1].Email, g.Results[^1].Email, s.Results[^1].Email);
        Same(
            "list last auth types",
            string.Join(",", c.Results[^1].AuthTypes),
            string.Join(",", h.Results[^1].AuthTypes!.Select(a => a.ToString().ToLowerInvariant())),
            string.Join(",", g.Results[^1].AuthTypes),
            string.Join(",", s.Results[^1].AuthTypes!));

        var gc = await Client.Users.GetUserAsync(UserId).ConfigureAwait(false);
        var gh = await HandWritten.GetUserAsync(UserId).ConfigureAwait(false);
        var gg = await Generated.GetUserAsync(UserId).ConfigureAwait(false);
        var gs = await Stj.GetUserAsync(UserId).ConfigureAwait(false);
        Same("get email", gc.Email, gh.Email, gg.Email, gs.Email);

        var uc = await Client.Users.UpdateUserAsync(UserId, Update).ConfigureAwait(false);
        var uh = await HandWritten.UpdateUserAsync(UserId, HandWrittenUpdate).ConfigureAwait(false);
        var ug = await Generated.UpdateUserAsync(UserId, Update).ConfigureAwait(false);
        var us = await Stj.UpdateUserAsync(UserId, StjUpdate).ConfigureAwait(false);
        Same("update id", uc.Id, uh.Id, ug.Id, us.Id);

        var wc = await CountAsync(Client.Users.ListAllUsersAsync(walkPageSize)).ConfigureAwait(false);
        var wh = await CountAsync(HandWritten.ListAllUsersAsync(walkPageSize)).ConfigureAwait(false);
        var wg = await CountAsync(Generated.ListAllUsersAsync(walkPageSize)).ConfigureAwait(false);
        var ws = await CountAsync(Stj.ListAllUsersAsync(walkPageSize)).ConfigureAwait(false);
        Same("walk count", wc, wh, wg, ws);
        Same("walk total", walkTotal, wc, wc, wc);
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

    private static void Same<T>(string what, T client, T handWritten, T generated, T stj)
    {
        var c = EqualityComparer<T>.Default;
        if (!c.Equals(client, handWritten) || !c.Equals(client, generated) || !c.Equals(client, stj))
        {
            throw new InvalidOperationException(
                $"The variants disagree on {what}: client {client}, hand-written {handWritten}, generated models {generated}, STJ {stj}.");
        }
    }
}
