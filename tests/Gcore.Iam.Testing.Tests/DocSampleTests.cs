using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Gcore.Iam.Testing.Tests;

/// <summary>
/// Every <c>```csharp</c> block of README.md and docs/*.md, extracted and compiled with Roslyn against
/// the project's assemblies (the tests' output: the client, the fake, the packages the docs name), so
/// that a sample cannot drift from the API. A block's statements become the body of a method of
/// <see cref="DocSample"/>, whose members are the names the docs take as given (<c>gcore</c>,
/// <c>fake</c>, <c>services</c>, ...); its types and <c>using</c> directives stay at file level.
/// Every block that can run against the fake runs there, with <c>gcore</c> a client of a fake that
/// knows user 42: all but those that create a client for a real account, or configure a host.
/// Extraction (not blocks kept in test files) was chosen so that no block can be missed: a new
/// block is compiled the moment it is written, and nothing needs to be kept in step by hand.
/// </summary>
[TestFixture]
public class DocSampleTests
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>Blocks that need a real account or a host: compiled, not run.</summary>
    private static readonly string[] CompileOnlyMarks = ["new GcoreIamClient(", "builder.", "services.", "provider."];

    public static IEnumerable<TestCaseData> Samples()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "docs");
        foreach (var file in Directory.GetFiles(directory, "*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal);
            foreach (Match block in Regex.Matches(text, "```csharp\n(.*?)```", RegexOptions.Singleline))
            {
                var line = text[..block.Index].Count(c => c == '\n') + 1;
                var name = Path.GetFileName(file) == "README.md" ? "README.md" : "docs/" + Path.GetFileName(file);
                yield return new TestCaseData(name, line, block.Groups[1].Value).SetName($"Sample {name}:{line}");
            }
        }
    }

    [Test]
    public void The_docs_have_samples_and_some_run()
    {
        var samples = Samples().ToList();
        var run = samples.Count(s => Runs((string)s.Arguments[2]!));

        TestContext.Progress.WriteLine($"Doc samples: {samples.Count} compiled, {run} run against the fake.");
        Assert.That(samples, Has.Count.GreaterThanOrEqualTo(19));
        Assert.That(run, Is.GreaterThanOrEqualTo(8));
    }

    [TestCaseSource(nameof(Samples))]
    public async Task Compiles_and_runs_where_it_can(string file, int line, string code)
    {
        var (source, hasBody) = Wrap(code);
        var trees = new List<SyntaxTree> { CSharpSyntaxTree.ParseText(source, Options, path: $"{file}:{line}") };
        if (!Regex.IsMatch(code, @"class PhoneAudit\b"))
        {
            // The docs' example of code under test (docs/testing-with-the-fake.md), which other blocks call.
            trees.Add(CSharpSyntaxTree.ParseText(PhoneAudit, Options));
        }

        var compilation = CSharpCompilation.Create("Sample" + line, trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.That(errors, Is.Empty, $"The sample at {file}:{line} does not compile:\n{source}");

        if (!hasBody || !Runs(code))
        {
            return;
        }

        var context = new AssemblyLoadContext("sample" + line, isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var sample = (DocSample)Activator.CreateInstance(assembly.GetType("DocSampleBlock")!)!;
            await using (sample)
            {
                await sample.StartAsync();
                await (Task)assembly.GetType("DocSampleBlock")!.GetMethod("RunAsync")!.Invoke(sample, null)!;
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static readonly CSharpParseOptions Options = new(LanguageVersion.Latest);

    private static bool Runs(string code) => !CompileOnlyMarks.Any(m => code.Contains(m, StringComparison.Ordinal));

    /// <summary>The block as a file: its using directives and types at file level, its statements in <c>DocSampleBlock.RunAsync</c>.</summary>
    private static (string Source, bool HasBody) Wrap(string code)
    {
        var root = CSharpSyntaxTree.ParseText(code, Options).GetCompilationUnitRoot();
        var statements = root.Members.OfType<GlobalStatementSyntax>().ToList();
        var types = root.Members.Where(m => m is not GlobalStatementSyntax).Select(m => m.ToFullString());
        var usings = string.Concat(root.Usings.Select(u => u.ToFullString()));
        var body = string.Concat(statements.Select(s => s.ToFullString()));
        var source = $$"""
            {{Preamble}}
            {{usings}}
            public sealed class DocSampleBlock : Gcore.Iam.Testing.Tests.DocSample
            {
                public async Task RunAsync()
                {
                    await Task.CompletedTask;
            {{body}}
                }
            }

            {{string.Concat(types)}}
            """;
        return (source, statements.Count > 0);
    }

    // The implicit usings of an SDK project (a reader's project has them), and the docs' namespaces.
    private const string Preamble = """
        #pragma warning disable CS8321, CS0168, CS0219, CS1998
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;
        using Gcore.Iam;
        using Gcore.Iam.Testing;
        using Microsoft.Extensions.DependencyInjection;
        using NUnit.Framework;
        using OpenTelemetry;
        using OpenTelemetry.Metrics;
        using OpenTelemetry.Trace;
        """;

    private static readonly string PhoneAudit = """
        using Gcore.Iam;
        public sealed class PhoneAudit(IUsersClient users)
        {
            public async System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<string>> EmailsWithoutPhoneAsync(System.Threading.CancellationToken cancellationToken = default)
            {
                var emails = new System.Collections.Generic.List<string>();
                await foreach (var user in users.ListAllUsersAsync(pageSize: 5, cancellationToken: cancellationToken))
                {
                    if (string.IsNullOrEmpty(user.Phone))
                    {
                        emails.Add(user.Email);
                    }
                }

                return emails;
            }
        }
        """;

    private static List<MetadataReference> LoadReferences()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("testhost", StringComparison.OrdinalIgnoreCase))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.First());
        var references = new List<MetadataReference>();
        foreach (var path in paths)
        {
            try
            {
                AssemblyName.GetAssemblyName(path);
                references.Add(MetadataReference.CreateFromFile(path));
            }
            catch (BadImageFormatException)
            {
                // a native library
            }
        }

        return references;
    }
}

/// <summary>
/// The names the docs' samples take as given, for <see cref="DocSampleTests"/>: a client of a fake
/// (<c>gcore</c>, <c>fake</c>) that knows user 42 and token <c>tokenId</c> of account <c>clientId</c>,
/// and, for the samples that are only compiled, a host's <c>builder</c>, <c>services</c>, ...
/// </summary>
#pragma warning disable CA1051, CA1707, CA1822, SA1401, IDE1006 // the samples' own names
public abstract class DocSample : IAsyncDisposable
{
    protected GcoreIamFakeServer fake = null!;
    protected GcoreIamClient gcore = null!;
    protected int clientId;
    protected int tokenId;
    protected string newKey = GcoreIamFakeSeed.DefaultApiKey;
    protected string correlationId = "sample-42";
    protected IReadOnlyDictionary<string, string?> secrets = new Dictionary<string, string?>();
    protected Microsoft.AspNetCore.Builder.WebApplicationBuilder builder = null!;
    protected Microsoft.Extensions.DependencyInjection.IServiceCollection services = null!;
    protected Microsoft.Extensions.Configuration.IConfiguration configuration = null!;
    protected IServiceProvider provider = null!;

    protected void Process(User user) => ArgumentNullException.ThrowIfNull(user);

    public Task StartAsync()
    {
        var seed = GcoreIamFakeSeed.CreateDefault();
        seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, 42, "answer@example.com", "Forty Two"));
        fake = GcoreIamFakeServer.Start(seed);
        gcore = fake.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(10));
        (clientId, tokenId) = (fake.AccountId, seed.ApiTokens[0].Id);
        newKey = fake.ApiKey;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        gcore?.Dispose();
        if (fake is not null)
        {
            await fake.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
#pragma warning restore CA1051, CA1707, CA1822, SA1401, IDE1006
