using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Gcore.Iam.Benchmarks.Baselines;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks;

/// <summary>
/// Get one user with the client's layers taken away one at a time, in the same run as the
/// hand-written baseline (Ratio = 1.00), so that each layer's time and bytes can be read off as a
/// difference: the generated <see cref="UsersClient"/> alone over a plain <see cref="HttpClient"/>
/// (no handlers, no timeout: the generated code, the models and the reader); the client with
/// retries off and no timeouts (<c>MaxRetries = 0</c>, both timeouts
/// <see cref="Timeout.InfiniteTimeSpan"/>: its handlers' error mapping, credential, headers and the
/// retry loop's single pass); the client with no timeouts; with no retries; and the client as
/// configured by default.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LayerBenchmarks
{
    private FakeGcoreHandler _transport = null!;
    private HttpClient _plain = null!;
    private UsersClient _bare = null!;
    private GcoreIamClient _noRetriesNoTimeouts = null!;
    private GcoreIamClient _noTimeouts = null!;
    private GcoreIamClient _noRetries = null!;
    private GcoreIamClient _client = null!;
    private HandWrittenBaseline _handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        var baseAddress = new Uri("https://api.gcore.com/");
        _transport = FakeGcoreHandler.Canned(1_000, 1_000);
        _plain = new HttpClient(_transport, disposeHandler: false) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _bare = new UsersClient(_plain);
        _noRetriesNoTimeouts = Client(baseAddress, o => { o.MaxRetries = 0; NoTimeouts(o); });
        _noTimeouts = Client(baseAddress, NoTimeouts);
        _noRetries = Client(baseAddress, o => o.MaxRetries = 0);
        _client = Client(baseAddress, _ => { });
        _handWritten = new HandWrittenBaseline(_transport, baseAddress, Variants.ApiKey);
        foreach (var get in new Func<Task<int>>[] { Layers_Bare, Layers_NoRetriesNoTimeouts, Layers_NoTimeouts, Layers_NoRetries, Layers_Client, Layers_HandWritten })
        {
            if (get().GetAwaiter().GetResult() != Variants.UserId)
            {
                throw new InvalidOperationException("A layer variant read the wrong user.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var client in new[] { _noRetriesNoTimeouts, _noTimeouts, _noRetries, _client })
        {
            client.Dispose();
        }

        _plain.Dispose();
        _handWritten.Dispose();
    }

    [BenchmarkCategory("5 get one user, layer by layer"), Benchmark(Description = "hand-written baseline", Baseline = true)]
    public async Task<int> Layers_HandWritten() => (await _handWritten.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("5 get one user, layer by layer"), Benchmark(Description = "generated UsersClient, no handlers")]
    public async Task<int> Layers_Bare() => (await _bare.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("5 get one user, layer by layer"), Benchmark(Description = "client, no retries, no timeouts")]
    public async Task<int> Layers_NoRetriesNoTimeouts() => (await _noRetriesNoTimeouts.Users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("5 get one user, layer by layer"), Benchmark(Description = "client, no timeouts")]
    public async Task<int> Layers_NoTimeouts() => (await _noTimeouts.Users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("5 get one user, layer by layer"), Benchmark(Description = "client, no retries")]
    public async Task<int> Layers_NoRetries() => (await _noRetries.Users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    [BenchmarkCategory("5 get one user, layer by layer"), Benchmark(Description = "client")]
    public async Task<int> Layers_Client() => (await _client.Users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id;

    private GcoreIamClient Client(Uri baseAddress, Action<GcoreIamClientOptions> configure)
    {
        var options = new GcoreIamClientOptions { ApiKey = Variants.ApiKey, BaseUrl = baseAddress };
        configure(options);
        return new GcoreIamClient(options, _transport);
    }

    private static void NoTimeouts(GcoreIamClientOptions options)
    {
        options.Timeout = Timeout.InfiniteTimeSpan;
        options.AttemptTimeout = Timeout.InfiniteTimeSpan;
    }
}
