using System.Diagnostics;
using System.Globalization;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks.Probes;

/// <summary>
/// <c>memory &lt;users&gt; [client|newtonsoft|stj]</c>: walks that many users in pages of 1,000 through
/// an in-memory API that builds each page when asked and keeps none, and prints the process's
/// peak working set. Run it as a fresh process per measurement (benchmarks/memory-walk.sh).
/// </summary>
public static class MemoryProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var users = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var variant = args.Length > 1 ? args[1] : "client";
        using var v = new Variants(FakeGcoreHandler.OnDemand(users), new Uri("https://api.gcore.com"));
        var stopwatch = Stopwatch.StartNew();
        var walked = variant switch
        {
            "client" => await Variants.CountAsync(v.Client.Users.ListAllUsersAsync(UsersBenchmarks.PageSize)).ConfigureAwait(false),
            "newtonsoft" => await Variants.CountAsync(v.Newtonsoft.ListAllUsersAsync(UsersBenchmarks.PageSize)).ConfigureAwait(false),
            "stj" => await Variants.CountAsync(v.Stj.ListAllUsersAsync(UsersBenchmarks.PageSize)).ConfigureAwait(false),
            _ => throw new ArgumentException($"Unknown variant '{variant}': client, newtonsoft or stj."),
        };
        stopwatch.Stop();
        if (walked != users)
        {
            Console.Error.WriteLine($"Walked {walked} users, expected {users}.");
            return 1;
        }

        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var info = GC.GetGCMemoryInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"variant={variant} users={users} peak_working_set_mib={self.PeakWorkingSet64 / 1048576.0:0.0} "
            + $"working_set_mib={self.WorkingSet64 / 1048576.0:0.0} heap_after_mib={info.HeapSizeBytes / 1048576.0:0.0} "
            + $"allocated_mib={GC.GetTotalAllocatedBytes() / 1048576.0:0.0} gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)} "
            + $"seconds={stopwatch.Elapsed.TotalSeconds:0.000}"));
        return 0;
    }
}
