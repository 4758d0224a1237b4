using System.Diagnostics;
using System.Text;
using Gcore.Iam.Testing;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests;

/// <summary>--all writes each page as it arrives, stops when the reader goes away, and shows one progress line at a terminal.</summary>
[TestFixture]
public class StreamingTests : CliTestBase
{
    private static GcoreIamFakeServer StartWithUsers(int count)
    {
        var seed = GcoreIamFakeSeed.CreateEmpty();
        for (var id = 2; id <= count; id++)
        {
            seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, id, $"user{id}@example.com", $"User {id}"));
        }

        return GcoreIamFakeServer.Start(seed);
    }

    private static string[] Against(GcoreIamFakeServer fake, params string[] args) => [.. args, "--api-key", fake.ApiKey, "--base-url", fake.BaseUrl.ToString()];

    [Test]
    public async Task Jsonl_writes_one_user_a_line_and_the_first_before_the_last_page_is_requested()
    {
        await using var big = StartWithUsers(300);
        var stdout = new WatchingWriter(() => big.Requests.Count);

        var run = await RunWithAsync(new Dictionary<string, string>(), null, null, Against(big, "users", "list", "--all", "--format", "jsonl"), stdout);

        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(lines.Select(l => JObject.Parse(l)["id"]!.Value<int>()), Is.EqualTo(Enumerable.Range(1, 300)));
            Assert.That(big.Requests, Has.Count.EqualTo(3));
            Assert.That(stdout.RequestsAtFirstLine, Is.EqualTo(1), "the first user is out when only the first page was requested");
        });
    }

    [Test]
    public async Task Json_all_is_one_array_that_grows_page_by_page()
    {
        await using var big = StartWithUsers(250);
        var stdout = new WatchingWriter(() => big.Requests.Count);

        var run = await RunWithAsync(new Dictionary<string, string>(), null, null, Against(big, "users", "list", "--all", "-o", "json"), stdout);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(JArray.Parse(stdout.ToString()).Select(u => u["id"]!.Value<int>()), Is.EqualTo(Enumerable.Range(1, 250)));
            Assert.That(stdout.RequestsAtFirstLine, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_reader_that_goes_away_ends_the_walk_cleanly_in_process()
    {
        await using var big = StartWithUsers(10_000);
        var stdout = new ClosingPipeWriter(linesBeforeClose: 3);

        var run = await RunWithAsync(new Dictionary<string, string>(), null, null, Against(big, "users", "list", "--all", "--limit", "100", "-o", "csv"), stdout);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Error, Is.Empty);
            Assert.That(big.Requests, Has.Count.EqualTo(1), "the reader left during the first page: no second is requested");
        });
    }

    [Test]
    public async Task Users_list_all_csv_piped_to_head_3_requests_at_most_2_pages_and_exits_0()
    {
        var bash = new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists);
        Assume.That(bash, Is.Not.Null, "a real pipe needs bash and head");
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "gcore-iam.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        await using var big = StartWithUsers(10_000);
        // Each page takes a moment, as Gcore's do: head has read its 3 lines and left long before the second page arrives.
        big.FailNext(FakeFault.Delayed(TimeSpan.FromMilliseconds(300)), times: 100, operation: FakeOperation.ListUsers);

        var start = new ProcessStartInfo(bash!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$0\" \"$1\" users list --all --limit 100 -o csv --api-key \"$2\" --base-url \"$3\" | head -3; exit \"${PIPESTATUS[0]}\"");
        start.ArgumentList.Add(dotnet);
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(big.ApiKey);
        start.ArgumentList.Add(big.BaseUrl.ToString());
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var error = await stderr;
        var pages = big.Requests.Count(r => r.Operation == FakeOperation.ListUsers);
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.Zero, error);
            Assert.That(lines, Is.EqualTo(new[] { "ID,EMAIL,NAME,PHONE,LANG,ROLES,AUTH,TYPE,ACTIVE", lines[1], lines[2] }));
            Assert.That(lines[1], Does.StartWith("1,owner@example.com,"));
            Assert.That(error, Is.Empty, "no stack trace, no message");
            Assert.That(pages, Is.InRange(1, 2), "pages requested (the fake's request log)");
        });
    }

    [Test]
    public async Task Output_to_a_file_others_write_to_lands_after_their_lines()
    {
        var bash = new[] { "/bin/bash", "/usr/bin/bash" }.FirstOrDefault(File.Exists);
        Assume.That(bash, Is.Not.Null, "needs bash");
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "gcore-iam.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var file = Path.Combine(Path.GetTempPath(), $"gcore-iam-{Guid.NewGuid():N}.txt");
        try
        {
            var start = new ProcessStartInfo(bash!) { UseShellExecute = false, RedirectStandardError = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("{ echo first; \"$0\" \"$1\" completion bash; echo last; } > \"$2\"");
            start.ArgumentList.Add(dotnet);
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            var lines = await File.ReadAllLinesAsync(file);
            Assert.Multiple(async () =>
            {
                Assert.That(process.ExitCode, Is.Zero, await stderr);
                Assert.That(lines[0], Is.EqualTo("first"));
                Assert.That(lines[1], Does.StartWith("# gcore-iam completion for bash"));
                Assert.That(lines[^1], Is.EqualTo("last"));
            });
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public async Task Progress_at_a_terminal_is_one_line_updated_in_place_with_counts_from_the_offset()
    {
        var terminal = new ScriptedTerminal(input: false, error: true);
        var run = await RunWithAsync(new Dictionary<string, string>(), null, terminal, [.. Against(Fake, "users", "list", "--all", "--offset", "5", "--limit", "5", "-o", "csv")]);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Error, Is.EqualTo("\rFetched users 6-10 of 12 (1 page)\rFetched users 6-12 of 12 (2 pages)\n"));
            Assert.That(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(8));
        });
    }

    /// <summary>Records how many requests the fake had seen when the first line was written.</summary>
    private sealed class WatchingWriter(Func<int> requests) : StringWriter
    {
        public int? RequestsAtFirstLine { get; private set; }

        public override void Write(string? value)
        {
            RequestsAtFirstLine ??= requests();
            base.Write(value);
        }

        public override void Write(char value)
        {
            RequestsAtFirstLine ??= requests();
            base.Write(value);
        }
    }

    /// <summary>stdout whose reader leaves after some lines: later writes fail as a closed pipe's do (EPIPE).</summary>
    private sealed class ClosingPipeWriter(int linesBeforeClose) : StringWriter
    {
        private int _lines;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(string? value)
        {
            if (_lines >= linesBeforeClose)
            {
                throw new IOException("Broken pipe", 32);
            }

            _lines += value?.Count(c => c == '\n') ?? 0;
            base.Write(value);
        }
    }
}
