using System.Runtime.CompilerServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Gcore.Iam.Benchmarks.Probes;

namespace Gcore.Iam.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release -- [BenchmarkDotNet arguments]</c> runs the benchmarks;
/// <c>memory &lt;users&gt; [variant]</c>, <c>coldstart [variant]</c>, <c>breakdown [calls]</c> and <c>allocations [variant] [calls]</c> run a probe in this process.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "memory")
        {
            return await MemoryProbe.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "coldstart")
        {
            return await ColdStartProbe.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "allocations")
        {
            return await AllocationProbe.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "breakdown")
        {
            return await BreakdownProbe.RunAsync(args[1..]).ConfigureAwait(false);
        }

        return RunBenchmarks(args);
    }

    // Kept apart so that a probe process never loads BenchmarkDotNet.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunBenchmarks(string[] args)
    {
        var config = DefaultConfig.Instance;
        if (!args.Any(a => a is "--job" or "-j"))
        {
            // Unless told otherwise (--job dry in CI): a short job with fixed counts (about 10-15 s per
            // benchmark), so the 24 benchmarks run in minutes on two cores, with enough iterations
            // for a confidence interval.
            config = config.AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).AsDefault());
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToList();
        // Fails when nothing ran (a filter that no longer matches), a benchmark failed or was invalid.
        var ok = summaries.Count > 0
            && summaries.All(s => !s.HasCriticalValidationErrors && s.Reports.Length > 0 && s.Reports.All(r => r.Success));
        return ok ? 0 : 1;
    }
}
