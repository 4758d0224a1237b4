using System.Net;
using System.Net.Sockets;
using Gcore.Iam.SpecTool.Update;

namespace Gcore.Iam.SpecTool.Tests;

/// <summary>
/// <c>update --source</c> on a copy of the repository's files whose spec was imported from the
/// fixture: the next version's bump with its reasons and a CHANGELOG draft; an identical file changes
/// nothing; a refused file writes nothing; a URL is read over HTTPS only (a loopback server, through
/// the test seam, for http). The public API listing step builds the library, so these runs skip it
/// (<c>--skip-api-listing</c>); the real run is in docs/regenerating.md.
/// </summary>
[TestFixture]
public class UpdateTests
{
    private string _repo = null!;

    [SetUp]
    public async Task MakeRepository()
    {
        _repo = Repo.TempDir("update");
        foreach (var file in new[] { "CHANGELOG.md", UpdateCommand.VersionFile, UpdateCommand.FixtureFile, $"{UpdateCommand.ListingDir}/PublicAPI.Shipped.txt", $"{UpdateCommand.ListingDir}/PublicAPI.Unshipped.txt" })
        {
            var source = file == UpdateCommand.FixtureFile ? Repo.Fixture("iam-per-product.yaml") : Path.Combine(Repo.Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_repo, file))!);
            File.Copy(source, Path.Combine(_repo, file));
        }

        var openapi = Path.Combine(_repo, "openapi");
        Directory.CreateDirectory(openapi);
        foreach (var file in Directory.GetFiles(Repo.OpenApiDir))
        {
            File.Copy(file, Path.Combine(openapi, Path.GetFileName(file)));
        }

        var (code, _, error) = await RunAsync("import", "--source", Repo.Fixture("iam-per-product.yaml"), "--out", openapi);
        Assert.That(code, Is.Zero, error);
    }

    [TearDown]
    public void Clean() => SourceReader.AllowLoopbackHttpForTests = false;

    [Test]
    public async Task The_next_version_gives_the_major_bump_with_its_reasons_and_a_changelog_draft()
    {
        var (code, output, error) = await RunAsync("update", "--source", SourceFile(Repo.Next(), "next.yaml"), "--repo", _repo, "--skip-api-listing");

        var changelog = File.ReadAllText(Path.Combine(_repo, "CHANGELOG.md"));
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output + error);
            Assert.That(output, Does.Contain("version: MAJOR change; nothing is released yet (PublicAPI.Shipped.txt is empty), so the version stays 1.0.0"));
            Assert.That(output, Does.Contain("docs/versioning.md, MAJOR: a user's code may stop compiling or behave differently"));
            Assert.That(output, Does.Contain("spec: `AccountOverview.currentUser`: type changed from integer to string"));
            Assert.That(output, Does.Contain("spec: `AccountOverview.signup_process`: field removed"));
            Assert.That(output, Does.Not.Contain("  spec: `AccountOverview.timezone`"), "only the deciding rows are reasons");
            Assert.That(changelog, Does.Contain("## [Unreleased]\n\nTo be released as 1.0.0"), "the introduction stays first");
            Assert.That(changelog.IndexOf("### Gcore's description fixture-next (draft", StringComparison.Ordinal),
                Is.GreaterThan(changelog.IndexOf("## [Unreleased]", StringComparison.Ordinal)).And.LessThan(changelog.IndexOf("### Changed", StringComparison.Ordinal)));
            Assert.That(changelog, Does.Contain("- **Breaking:** `AccountOverview.currentUser`: type changed from integer to string."));
            Assert.That(output, Does.Contain("Left by hand: make in tests/Gcore.Iam.SpecTool.Tests/Fixtures/iam-per-product.yaml"));
            Assert.That(output, Does.Contain("/components/schemas/AccountOverview/properties/currentUser"), "it names where the fixture still differs");
            Assert.That(error, Does.Contain("note: new upstream operation, not covered by the client"));
        });
    }

    [Test]
    public async Task Additions_only_give_a_minor_bump_once_a_version_has_shipped()
    {
        File.AppendAllText(Path.Combine(_repo, UpdateCommand.ListingDir, "PublicAPI.Shipped.txt"), "Gcore.Iam.User\n");

        var (code, output, error) = await RunAsync("update", "--source", SourceFile(Repo.NextMinor(), "next-minor.yaml"), "--repo", _repo, "--skip-api-listing");

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output + error);
            Assert.That(output, Does.Contain("version: MINOR: 1.0.0 -> 1.1.0"));
            Assert.That(output, Does.Contain("spec: `AccountOverview.timezone`: new optional field (string)"));
            Assert.That(output, Does.Contain("spec: `Capability`: new enum value \"FASTEDGE\""));
            Assert.That(File.ReadAllText(Path.Combine(_repo, "CHANGELOG.md")), Does.Contain("- version: MINOR: 1.0.0 -> 1.1.0."));
        });
    }

    [Test]
    public async Task An_identical_file_changes_nothing()
    {
        var before = Snapshot();

        var (code, output, _) = await RunAsync("update", "--source", Repo.Fixture("iam-per-product.yaml"), "--repo", _repo);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero);
            Assert.That(output, Does.StartWith("Nothing to do"));
            Assert.That(Snapshot(), Is.EqualTo(before), "no file written (bytes and time stamps)");
        });
    }

    [Test]
    public async Task A_refused_file_writes_nothing()
    {
        var before = Snapshot();

        var (code, _, error) = await RunAsync("update", "--source", SourceFile(Repo.WithoutV2(), "old.yaml"), "--repo", _repo);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(error, Does.Contain("lacks").And.Contain("/iam/v2/"));
            Assert.That(Snapshot(), Is.EqualTo(before));
        });
    }

    [Test]
    public async Task A_url_is_read_over_https_only_and_a_loopback_server_serves_the_tests()
    {
        using var server = new OneFileServer(Repo.NextMinor());
        var before = Snapshot();

        var refused = await RunAsync("update", "--source", server.Url, "--repo", _repo, "--skip-api-listing");
        Assert.Multiple(() =>
        {
            Assert.That(refused.Code, Is.EqualTo(2));
            Assert.That(refused.Error, Does.Contain("downloaded over HTTPS only"));
            Assert.That(server.Requests, Is.Zero, "nothing was downloaded");
            Assert.That(Snapshot(), Is.EqualTo(before));
        });

        SourceReader.AllowLoopbackHttpForTests = true;
        var (code, output, error) = await RunAsync("update", "--source", server.Url, "--repo", _repo, "--skip-api-listing");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, output + error);
            Assert.That(server.Requests, Is.EqualTo(1));
            Assert.That(output, Does.Contain("version: MINOR change"));
        });
    }

    private string SourceFile(byte[] content, string name)
    {
        var path = Path.Combine(_repo, "..", Path.GetFileName(_repo) + "-" + name);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Every file of the copy with its bytes and time stamp.</summary>
    private List<string> Snapshot() => Directory.GetFiles(_repo, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
        .Select(f => $"{f} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))} {File.GetLastWriteTimeUtc(f).Ticks}")
        .ToList();

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Cli.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>A loopback HTTP server that answers every request with one file, counting the requests.</summary>
    private sealed class OneFileServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private int _requests;

        public OneFileServer(byte[] content)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Url = $"http://127.0.0.1:{port}/iam_api.yaml";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await _listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    Interlocked.Increment(ref _requests);
                    context.Response.ContentType = "application/yaml";
                    await context.Response.OutputStream.WriteAsync(content);
                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose() => _listener.Close();
    }
}
