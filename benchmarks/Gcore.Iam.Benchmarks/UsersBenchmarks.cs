using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks;

/// <summary>
/// Each case three ways over the same in-memory transport (canned bytes built once): the client,
/// the hand-written Newtonsoft.Json baseline (Ratio = 1.00) and the System.Text.Json floor.
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
        // First a check that the three variants do the same work (on a short walk that ends on a
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

    [BenchmarkCategory("1 list 1,000 users"), Benchmark(Description = "Newtonsoft baseline", Baseline = true)]
    public async Task<int> List_Newtonsoft() => (await _v.Newtonsoft.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results.Count;

    [BenchmarkCategory("1 list 1,000 users"), Benchmark(Description = "STJ floor")]
    public async Task<int> List_Stj() => (await _v.Stj.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results.Count;

    [BenchmarkCategory("2 get one user"), Benchmark(Description = "client")]
    public async Task<int> Get_Client() => (await _v.Client.Users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("2 get one user"), Benchmark(Description = "Newtonsoft baseline", Baseline = true)]
    public async Task<int> Get_Newtonsoft() => (await _v.Newtonsoft.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("2 get one user"), Benchmark(Description = "STJ floor")]
    public async Task<int> Get_Stj() => (await _v.Stj.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("3 update one user"), Benchmark(Description = "client")]
    public async Task<int> Update_Client() => (await _v.Client.Users.UpdateUserAsync(Variants.UserId, _v.Update).ConfigureAwait(false)).Id;

    [BenchmarkCategory("3 update one user"), Benchmark(Description = "Newtonsoft baseline", Baseline = true)]
    public async Task<int> Update_Newtonsoft() => (await _v.Newtonsoft.UpdateUserAsync(Variants.UserId, _v.Update).ConfigureAwait(false)).Id;

    [BenchmarkCategory("3 update one user"), Benchmark(Description = "STJ floor")]
    public async Task<int> Update_Stj() => (await _v.Stj.UpdateUserAsync(Variants.UserId, _v.StjUpdate).ConfigureAwait(false)).Id;

    [BenchmarkCategory("4 walk 100,000 users"), Benchmark(Description = "client")]
    public Task<long> Walk_Client() => Variants.CountAsync(_v.Client.Users.ListAllUsersAsync(PageSize));

    [BenchmarkCategory("4 walk 100,000 users"), Benchmark(Description = "Newtonsoft baseline", Baseline = true)]
    public Task<long> Walk_Newtonsoft() => Variants.CountAsync(_v.Newtonsoft.ListAllUsersAsync(PageSize));

    [BenchmarkCategory("4 walk 100,000 users"), Benchmark(Description = "STJ floor")]
    public Task<long> Walk_Stj() => Variants.CountAsync(_v.Stj.ListAllUsersAsync(PageSize));
}
