using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks;

/// <summary>
/// End to end over loopback: Kestrel on 127.0.0.1 in the same process, real sockets, one pooled
/// connection per variant's transport (configured as the client configures its own).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LoopbackBenchmarks
{
    private const int PageSize = 1000;
    private LoopbackGcoreServer _server = null!;
    private SocketsHttpHandler _transport = null!;
    private Variants _v = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackGcoreServer.StartAsync(UserJson.Page(0, PageSize, 100_000), UserJson.User(Variants.UserId)).GetAwaiter().GetResult();
        _transport = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _v = new Variants(_transport, _server.BaseAddress);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _v.Dispose();
        _transport.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [BenchmarkCategory("5 loopback: list 1,000 users"), Benchmark(Description = "client")]
    public async Task<int> LoopbackList_Client() => (await _v.Client.Users.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results.Count;

    [BenchmarkCategory("5 loopback: list 1,000 users"), Benchmark(Description = "hand-written baseline", Baseline = true)]
    public async Task<int> LoopbackList_HandWritten() => (await _v.HandWritten.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results!.Count;

    [BenchmarkCategory("5 loopback: list 1,000 users"), Benchmark(Description = "generated-model baseline")]
    public async Task<int> LoopbackList_Generated() => (await _v.Generated.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results.Count;

    [BenchmarkCategory("5 loopback: list 1,000 users"), Benchmark(Description = "STJ floor")]
    public async Task<int> LoopbackList_Stj() => (await _v.Stj.ListUsersAsync(PageSize, 0).ConfigureAwait(false)).Results.Count;

    [BenchmarkCategory("6 loopback: get one user"), Benchmark(Description = "client")]
    public async Task<int> LoopbackGet_Client() => (await _v.Client.Users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("6 loopback: get one user"), Benchmark(Description = "hand-written baseline", Baseline = true)]
    public async Task<int> LoopbackGet_HandWritten() => (await _v.HandWritten.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("6 loopback: get one user"), Benchmark(Description = "generated-model baseline")]
    public async Task<int> LoopbackGet_Generated() => (await _v.Generated.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("6 loopback: get one user"), Benchmark(Description = "STJ floor")]
    public async Task<int> LoopbackGet_Stj() => (await _v.Stj.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;
}
