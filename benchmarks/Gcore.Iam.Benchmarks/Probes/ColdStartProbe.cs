using System.Diagnostics;
using System.Globalization;
using Gcore.Iam.Benchmarks.Baselines;
using Gcore.Iam.Benchmarks.Fakes;

namespace Gcore.Iam.Benchmarks.Probes;

/// <summary>
/// <c>coldstart [client|bare|handwritten|generated|stj]</c>: the first calls of a fresh process. Times building the
/// client and its first <c>GET /iam/users/{id}</c> (JIT, type loading, serializer metadata), the
/// second call of the same kind, and the first list call. Answers come from memory (a fixed body,
/// no JSON library used to build it), so no network and no warm-up of the reader under test.
/// Run as a fresh process per measurement (benchmarks/cold-start.sh).
/// </summary>
public static class ColdStartProbe
{
    private static readonly byte[] UserBody =
        """{"id":4242,"email":"anna.schmidt.4242@example.com","name":"Anna Schmidt","phone":"+49 30 1004242","lang":"de","company":"Schmidt GmbH #200169","reseller":1,"client":200169,"deleted":false,"activated":true,"is_active":true,"sso_auth":false,"two_fa":true,"groups":[{"id":1,"name":"Administrators"}],"auth_types":["password","github"],"user_type":"common","client_and_roles":[{"client_id":200169,"client_company_name":"Schmidt GmbH #200169","user_id":4242,"user_roles":["1"]}]}"""u8.ToArray();

    public static async Task<int> RunAsync(string[] args)
    {
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        var variant = args.Length > 0 ? args[0] : "client";
        var trace = args.Contains("--assemblies");
        using var jit = args.Contains("--jit") ? new JitListener() : null;
        var loads = new List<(TimeSpan At, string Name)>();
        var clock = Stopwatch.StartNew();
        if (trace)
        {
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) => loads.Add((clock.Elapsed, e.LoadedAssembly.GetName().Name ?? "?"));
        }

        var pageBody = System.Text.Encoding.UTF8.GetBytes(
            "{\"count\":2,\"next\":null,\"previous\":null,\"results\":[" + System.Text.Encoding.UTF8.GetString(UserBody) + "," + System.Text.Encoding.UTF8.GetString(UserBody) + "]}");
        var handler = new FakeGcoreHandler((_, _) => pageBody, UserBody, UserBody);
        var baseAddress = new Uri("https://api.gcore.com");

        // Only the variant under test is built: building the others would load their code (the
        // client's pipeline, Newtonsoft.Json) into this process's first call.
        var startedUtc = DateTime.UtcNow;
        var atStart = Snapshot.Now();
        var first = Stopwatch.StartNew();
        var startedAt = clock.Elapsed;
        using var calls = Build(variant, handler, baseAddress);
        var built = first.Elapsed;
        var atBuilt = Snapshot.Now();
        var builtUtc = DateTime.UtcNow;
        await calls.GetAsync().ConfigureAwait(false);
        first.Stop();
        var atFirst = Snapshot.Now();
        var firstUtc = DateTime.UtcNow;

        var second = Stopwatch.StartNew();
        await calls.GetAsync().ConfigureAwait(false);
        second.Stop();

        var list = Stopwatch.StartNew();
        var listed = await calls.ListAsync().ConfigureAwait(false);
        list.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"variant={variant} runtime_start_ms={sinceStart.TotalMilliseconds:0.0} build_ms={built.TotalMilliseconds:0.00} first_get_ms={first.Elapsed.TotalMilliseconds:0.00} "
            + $"second_get_ms={second.Elapsed.TotalMilliseconds:0.000} first_list_ms={list.Elapsed.TotalMilliseconds:0.00} listed={listed} "
            + $"build_jit_methods={atBuilt.Methods - atStart.Methods} build_jit_ms={(atBuilt.Jit - atStart.Jit).TotalMilliseconds:0.0} build_assemblies={atBuilt.Assemblies - atStart.Assemblies} "
            + $"get_jit_methods={atFirst.Methods - atBuilt.Methods} get_jit_ms={(atFirst.Jit - atBuilt.Jit).TotalMilliseconds:0.0} get_assemblies={atFirst.Assemblies - atBuilt.Assemblies}"));
        if (trace)
        {
            var builtAt = startedAt + built;
            foreach (var (at, name) in loads.Where(l => l.At >= startedAt))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(at < builtAt ? "build" : "get  ")} +{(at - startedAt).TotalMilliseconds,7:0.0} ms {name}"));
            }
        }

        if (jit is not null)
        {
            await Task.Delay(1000).ConfigureAwait(false); // the runtime's events arrive on a thread of their own
            PrintJit(jit, startedUtc, builtUtc, firstUtc);
        }

        return 0;
    }

    private static void PrintJit(JitListener jit, DateTime started, DateTime built, DateTime first)
    {
        var compiled = jit.Compiled.Where(c => c.At >= started && c.At <= first).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  JIT while building and in the first get (listener on: times include its cost): {compiled.Count} methods, {compiled.Sum(c => c.Ms):0.0} ms"));
        foreach (var group in compiled.GroupBy(c => (Phase: c.At <= built ? "build" : "get", Group: JitListener.GroupOf(c.Name)))
                     .OrderBy(g => g.Key.Phase).ThenByDescending(g => g.Sum(c => c.Ms)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key.Phase,-5} {group.Sum(c => c.Ms),7:0.0} ms {group.Count(),4} methods  {group.Key.Group}"));
        }
    }

    private static Calls Build(string variant, HttpMessageHandler handler, Uri baseAddress)
    {
        switch (variant)
        {
            case "client":
                var client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = Variants.ApiKey, BaseUrl = baseAddress }, handler);
                return new Calls(
                    async () => (await client.Users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id,
                    async () => (await client.Users.ListUsersAsync(50).ConfigureAwait(false)).Results.Count,
                    client);
            case "bare":
                // The generated UsersClient alone over a plain HttpClient: models, serializer and
                // JsonResponse without the client's handlers (client minus this is the pipeline).
                var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = baseAddress };
                var users = new UsersClient(http);
                return new Calls(
                    async () => (await users.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id,
                    async () => (await users.ListUsersAsync(50).ConfigureAwait(false)).Results.Count,
                    http);
            case "handwritten":
                var hand = new HandWrittenBaseline(handler, baseAddress, Variants.ApiKey);
                return new Calls(
                    async () => (await hand.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id,
                    async () => (await hand.ListUsersAsync(50, 0).ConfigureAwait(false)).Results!.Count,
                    hand);
            case "generated":
                var generated = new GeneratedModelBaseline(handler, baseAddress, Variants.ApiKey);
                return new Calls(
                    async () => (await generated.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id,
                    async () => (await generated.ListUsersAsync(50, 0).ConfigureAwait(false)).Results.Count,
                    generated);
            case "stj":
                var stj = new SystemTextJsonFloor(handler, baseAddress, Variants.ApiKey);
                return new Calls(
                    async () => (await stj.GetUserAsync(Variants.UserId).ConfigureAwait(false)).Id,
                    async () => (await stj.ListUsersAsync(50, 0).ConfigureAwait(false)).Results.Count,
                    stj);
            default:
                throw new ArgumentException($"Unknown variant '{variant}': client, bare, handwritten, generated or stj.");
        }
    }

    /// <summary>What the runtime has done so far: methods compiled by the JIT, its time, assemblies loaded.</summary>
    private readonly record struct Snapshot(long Methods, TimeSpan Jit, int Assemblies)
    {
        public static Snapshot Now() => new(
            System.Runtime.JitInfo.GetCompiledMethodCount(),
            System.Runtime.JitInfo.GetCompilationTime(),
            AppDomain.CurrentDomain.GetAssemblies().Length);
    }

    private sealed class Calls(Func<Task<int>> get, Func<Task<int>> list, IDisposable owner) : IDisposable
    {
        public async Task GetAsync()
        {
            if (await get().ConfigureAwait(false) != Variants.UserId)
            {
                throw new InvalidOperationException("Wrong user.");
            }
        }

        public Task<int> ListAsync() => list();

        public void Dispose() => owner.Dispose();
    }
}
