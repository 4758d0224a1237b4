using System.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Cli.Tests;

/// <summary>Runs the built gcore-iam program as a separate process, as a user would.</summary>
[TestFixture]
public class ProcessTests
{
    [Test]
    public async Task The_built_program_lists_the_seeded_users_offline_as_json()
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "gcore-iam.dll");
        Assume.That(File.Exists(dll), Is.True, "gcore-iam.dll is copied next to the tests by the project reference");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "users", "list", "--format", "json", "--fake" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("GCORE_API_KEY");
        start.Environment.Remove("GCORE_BASE_URL");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var output = await stdout;
        var error = await stderr;
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.Zero, error);
            Assert.That(JArray.Parse(output).Select(u => u["email"]!.Value<string>()), Has.Member("owner@example.com"));
            Assert.That(JArray.Parse(output), Has.Count.EqualTo(12));
            Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(error, Does.Contain("built-in fake Gcore IAM server"));
        });
    }

    [Test]
    public async Task The_built_program_without_a_key_outside_a_terminal_gives_no_fake_data()
    {
        // The README's main-job command without --fake, as a script might run it (no terminal): exit 6 and what to do.
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "gcore-iam.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("users");
        start.ArgumentList.Add("list");
        start.Environment.Remove("GCORE_API_KEY");
        start.Environment.Remove("GCORE_BASE_URL");
        start.Environment.Remove("GCORE_FAKE");

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var output = await stdout;
        var error = await stderr;
        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(6), error);
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain("No API key: set GCORE_API_KEY").And.Contain("--fake"));
        });
    }

    [Test]
    public async Task The_built_program_exits_2_on_a_usage_error()
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "gcore-iam.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("nonsense");

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Multiple(async () =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(2));
            Assert.That(await stdout, Is.Empty);
            Assert.That(await stderr, Does.Contain("gcore-iam:"));
        });
    }
}
