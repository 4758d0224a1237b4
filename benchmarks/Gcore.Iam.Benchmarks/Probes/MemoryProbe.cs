using System.Diagnostics;
using System.Globalization;
using System.Net;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks.Probes;

/// <summary>
/// <c>memory &lt;users&gt; [client|handwritten|generated|stj] [memory|loopback]</c>: walks that many users
/// in pages of 1,000 through an API that builds each page when asked and keeps none (in memory, or
/// Kestrel on 127.0.0.1 in this process), and prints the process's peak working set. Run it as a
/// fresh process per measurement (benchmarks/scripts/memory-walk.sh).
/// </summary>
public static class MemoryProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var variant = args.Length > 1 ? args[1] : "client";
        var transportKind = args.Length > 2 ? args[2] : "memory";
        LoopbackGcoreServer? server = null;
        HttpMessageHandler transport;
        Uri baseAddress;
        if (transportKind == "loopback")
        {
            server = await LoopbackGcoreServer.StartOnDemandAsync(users).ConfigureAwait(false);
            transport = new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
            baseAddress = server.BaseAddress;
        }
        else
        {
            transport = FakeGcoreHandler.OnDemand(users);
            baseAddress = new Uri("https://api.gcore.com");
        }

        try
        {
            using var v = new Variants(transport, baseAddress);
            var stopwatch = Stopwatch.StartNew();
            var walked = variant switch
            {
                "client" => await Variants.CountAsync(v.Client.Users.ListAllUsersAsync(UsersBenchmarks.PageSize)).ConfigureAwait(false),
                "handwritten" => await Variants.CountAsync(v.HandWritten.ListAllUsersAsync(UsersBenchmarks.PageSize)).ConfigureAwait(false),
                "generated" => await Variants.CountAsync(v.Generated.ListAllUsersAsync(UsersBenchmarks.PageSize)).ConfigureAwait(false),
                "stj" => await Variants.CountAsync(v.Stj.ListAllUsersAsync(UsersBenchmarks.PageSize)).ConfigureAwait(false),
                _ => throw new ArgumentException($"Unknown variant '{variant}': client, handwritten, generated or stj."),
            };
            stopwatch.Stop();
            if (walked != users)
            {
                await Console.Error.WriteLineAsync($"Walked {walked} users, expected {users}.").ConfigureAwait(false);
                return 1;
            }

            using var self = Process.GetCurrentProcess();
            self.Refresh();
            var info = GC.GetGCMemoryInfo();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"variant={variant} transport={transportKind} users={users} peak_working_set_mib={self.PeakWorkingSet64 / 1048576.0:0.0} "
                + $"working_set_mib={self.WorkingSet64 / 1048576.0:0.0} heap_after_mib={info.HeapSizeBytes / 1048576.0:0.0} "
                + $"allocated_mib={GC.GetTotalAllocatedBytes() / 1048576.0:0.0} gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)} "
                + $"seconds={stopwatch.Elapsed.TotalSeconds:0.000}"));
            return 0;
        }
        finally
        {
            transport.Dispose();
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
