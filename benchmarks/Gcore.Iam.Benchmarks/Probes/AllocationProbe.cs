using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks.Probes;

/// <summary>
/// <c>allocations [client|handwritten|generated|stj] [calls] [list|get]</c>: which types a list of
/// 1,000 users (or a get of one user) allocates. Listens to the runtime's allocation ticks (one sample per ~100 KB allocated, with the
/// type of the object that crossed the mark) while listing, and prints the estimated bytes per call
/// by type, largest first. Sampled, so shares are estimates; the total is exact.
/// </summary>
public static class AllocationProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var variant = args.Length > 0 ? args[0] : "client";
        var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var get = args.Length > 2 && args[2] == "get";
        using var v = new Variants(FakeGcoreHandler.Canned(2_000, 1_000), new Uri("https://api.gcore.com/"));
        Func<Task> list = (variant, get) switch
        {
            ("client", false) => () => v.Client.Users.ListUsersAsync(1_000, 0),
            ("handwritten", false) => () => v.HandWritten.ListUsersAsync(1_000, 0),
            ("generated", false) => () => v.Generated.ListUsersAsync(1_000, 0),
            ("stj", false) => () => v.Stj.ListUsersAsync(1_000, 0),
            ("client", true) => () => v.Client.Users.GetUserAsync(Variants.UserId),
            ("handwritten", true) => () => v.HandWritten.GetUserAsync(Variants.UserId),
            ("generated", true) => () => v.Generated.GetUserAsync(Variants.UserId),
            ("stj", true) => () => v.Stj.GetUserAsync(Variants.UserId),
            _ => throw new ArgumentException($"Unknown variant '{variant}'."),
        };
        for (var i = 0; i < 10; i++)
        {
            await list().ConfigureAwait(false);
        }

        using var listener = new TickListener();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await list().ConfigureAwait(false);
        }

        var total = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)calls;
        listener.Dispose();
        var samples = listener.Samples.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"variant={variant} call={(get ? "get" : "list")} bytes_per_call={total:0} samples={samples}"));
        foreach (var (type, count) in listener.Samples.OrderByDescending(p => p.Value).Take(25))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total * count / samples,10:0} B/call  {type}"));
        }

        return 0;
    }

    private sealed class TickListener : EventListener
    {
        public ConcurrentDictionary<string, long> Samples { get; } = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.Payload is { } payload)
            {
                var index = eventData.PayloadNames!.IndexOf("TypeName");
                var name = index >= 0 ? payload[index] as string ?? "?" : "?";
                Samples.AddOrUpdate(name, 1, (_, n) => n + 1);
            }
        }
    }
}
