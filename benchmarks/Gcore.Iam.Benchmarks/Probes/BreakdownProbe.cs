using System.Diagnostics;
using System.Globalization;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks.Probes;

/// <summary>
/// <c>breakdown [calls]</c>: where a single call's cost sits. Runs get and update one user through the
/// client (the get also through its raw view, <c>WithRawResponse</c>), through the generated <see cref="UsersClient"/> alone over a bare <see cref="HttpClient"/>
/// (120 s timeout, as the baselines; so client minus this is the library's handlers), and through the
/// hand-written and generated-model baselines; list 1,000 users through the client and both
/// baselines; and prints allocated bytes per call (exact) and the best of five rounds'
/// mean time per call (indicative only; BenchmarkDotNet's numbers are the ones to quote).
/// </summary>
public static class BreakdownProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var handler = FakeGcoreHandler.Canned(2_000, 1_000);
        var baseAddress = new Uri("https://api.gcore.com/");
        using var v = new Variants(handler, baseAddress);
        using var bare = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var generated = new UsersClient(bare);
        var cases = new (string Name, Func<Task> Call)[]
        {
            ("get: client", () => v.Client.Users.GetUserAsync(Variants.UserId)),
            ("get: client, raw response", () => v.Client.Users.WithRawResponse.GetUserAsync(Variants.UserId)),
            ("get: generated UsersClient, no handlers", () => generated.GetUserAsync(Variants.UserId)),
            ("get: generated-model baseline", () => v.Generated.GetUserAsync(Variants.UserId)),
            ("get: hand-written baseline", () => v.HandWritten.GetUserAsync(Variants.UserId)),
            ("update: client", () => v.Client.Users.UpdateUserAsync(Variants.UserId, v.Update)),
            ("update: generated UsersClient, no handlers", () => generated.UpdateUserAsync(Variants.UserId, v.Update)),
            ("update: generated-model baseline", () => v.Generated.UpdateUserAsync(Variants.UserId, v.Update)),
            ("update: hand-written baseline", () => v.HandWritten.UpdateUserAsync(Variants.UserId, v.HandWrittenUpdate)),
            ("list: client", () => v.Client.Users.ListUsersAsync(1_000, 0)),
            ("list: generated UsersClient, no handlers", () => generated.ListUsersAsync(1_000, 0)),
            ("list: generated-model baseline", () => v.Generated.ListUsersAsync(1_000, 0)),
            ("list: hand-written baseline", () => v.HandWritten.ListUsersAsync(1_000, 0)),
        };
        var best = new Dictionary<string, double>();
        var bytes = new Dictionary<string, double>();
        for (var round = 0; round < 5; round++)
        {
            foreach (var (name, call) in cases)
            {
                // A list call costs about as much as 200 small calls.
                var n = name.StartsWith("list", StringComparison.Ordinal) ? Math.Max(1, calls / 200) : calls;
                for (var i = 0; i < n / 10; i++)
                {
                    await call().ConfigureAwait(false);
                }

                var before = GC.GetTotalAllocatedBytes(precise: true);
                var stopwatch = Stopwatch.StartNew();
                for (var i = 0; i < n; i++)
                {
                    await call().ConfigureAwait(false);
                }

                stopwatch.Stop();
                bytes[name] = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)n;
                best[name] = Math.Min(best.GetValueOrDefault(name, double.MaxValue), stopwatch.Elapsed.TotalMicroseconds / n);
            }
        }

        foreach (var (name, _) in cases)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {bytes[name],8:0} B/call {best[name],8:0.00} us/call (best round)"));
        }

        return 0;
    }
}
