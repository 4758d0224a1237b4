using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks;

/// <summary>
/// Each case four ways over the same in-memory transport (canned bytes built once): the client,
/// the hand-written Newtonsoft.Json baseline (plain classes; Ratio = 1.00), the same calls into the
/// generated models, and the System.Text.Json floor.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class UsersBenchmarks
{
    public const int PageSize = 1000;
    public const int WalkTotal = 100_000;

    private Variants _v = null!;

    [GlobalSetup]
    public void Setup()
    {
        // First a check that the four variants do the same work (on a short walk that ends on a
        // partial page, to keep setup quick), then the canned answers the benchmarks use.
        using (var check = new Variants(FakeGcoreHandler.Canned(3_500, PageSize), new Uri("https://api.gcore.com")))
        {
            check.VerifySameResultsAsync(PageSize, 3_500).GetAwaiter().GetResult();
        }

        _v = new Variants(FakeGcoreHandler.Canned(WalkTotal, PageSize), new Uri("https://api.gcore.com"));
    }

    [GlobalCleanup]
    public void Cleanup() => _v.Dispose();

    [BenchmarkCategory("1 list 1,000 users"), Benchmark(Description = "client")]
    public async Task<int> List_Client() => (await _v.Client.Users.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results.Count;

    [BenchmarkCategory("1 list 1,000 users"), Benchmark(Description = "hand-written baseline", Baseline = true)]
    public async Task<int> List_HandWritten() => (await _v.HandWritten.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results!.Count;

    [BenchmarkCategory("1 list 1,000 users"), Benchmark(Description = "generated-model baseline")]
    public async Task<int> List_Generated() => (await _v.Generated.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results.Count;

    [BenchmarkCategory("1 list 1,000 users"), Benchmark(Description = "STJ floor")]
    public async Task<int> List_Stj() => (await _v.Stj.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results.Count;

    [BenchmarkCategory("2 get one user"), Benchmark(Description = "client")]
    public async Task<int> Get_Client() => (await _v.Client.Users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("2 get one user"), Benchmark(Description = "hand-written baseline", Baseline = true)]
    public async Task<int> Get_HandWritten() => (await _v.HandWritten.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("2 get one user"), Benchmark(Description = "generated-model baseline")]
    public async Task<int> Get_Generated() => (await _v.Generated.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("2 get one user"), Benchmark(Description = "STJ floor")]
    public async Task<int> Get_Stj() => (await _v.Stj.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("3 update one user"), Benchmark(Description = "client")]
    public async Task<int> Update_Client() => (await _v.Client.Users.UpdateUserAsync(Variants.UserId, _v.Update).ConfigureAwait(false)).Id;

    [BenchmarkCategory("3 update one user"), Benchmark(Description = "hand-written baseline", Baseline = true)]
    public async Task<int> Update_HandWritten() => (await _v.HandWritten.UpdateUserAsync(Variants.UserId, _v.HandWrittenUpdate).ConfigureAwait(false)).Id;

    [BenchmarkCategory("3 update one user"), Benchmark(Description = "generated-model baseline")]
    public async Task<int> Update_Generated() => (await _v.Generated.UpdateUserAsync(Variants.UserId, _v.Update).ConfigureAwait(false)).Id;

    [BenchmarkCategory("3 update one user"), Benchmark(Description = "STJ floor")]
    public async Task<int> Update_Stj() => (await _v.Stj.UpdateUserAsync(Variants.UserId, _v.StjUpdate).ConfigureAwait(false)).Id;

    [BenchmarkCategory("4 walk 100,000 users"), Benchmark(Description = "client")]
    public Task<long> Walk_Client() => Variants.CountAsync(_v.Client.Users.ListAllUsersAsync(PageSize));

    [BenchmarkCategory("4 walk 100,000 users"), Benchmark(Description = "hand-written baseline", Baseline = true)]
    public Task<long> Walk_HandWritten() => Variants.CountAsync(_v.HandWritten.ListAllUsersAsync(PageSize));

    [BenchmarkCategory("4 walk 100,000 users"), Benchmark(Description = "generated-model baseline")]
    public Task<long> Walk_Generated() => Variants.CountAsync(_v.Generated.ListAllUsersAsync(PageSize));

    [BenchmarkCategory("4 walk 100,000 users"), Benchmark(Description = "STJ floor")]
    public Task<long> Walk_Stj() => Variants.CountAsync(_v.Stj.ListAllUsersAsync(PageSize));
}
