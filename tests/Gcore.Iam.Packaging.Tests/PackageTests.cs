using System.Reflection.Metadata;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Gcore.Iam.Packaging.Tests;

/// <summary>
/// What every shipped package is checked for, whatever its kind: metadata, files, dependencies,
/// README and icon, and the symbols package (PDBs that match the assemblies, generated code embedded,
/// deterministic paths). One fixture per row of <see cref="PackageExpectations.All"/>.
/// </summary>
public abstract partial class PackageTests : IDisposable
{
    /// <summary>Metadata files NuGet writes into every package.</summary>
    private static readonly string[] PackagingMetadataFiles = ["[Content_Types].xml", "_rels/.rels", "package/services/metadata/core-properties/*.psmdcp"];

    private PackageArchive? _package;
    private PackageArchive? _symbols;

    protected PackageTests(PackageExpectation expected) => Expected = expected;

    protected PackageExpectation Expected { get; }

    protected PackageArchive Package => _package ?? throw new InvalidOperationException("The package was not opened.");

    /// <summary>The folder inside the package that holds the assemblies for a target framework.</summary>
    protected abstract string AssemblyFolder(string targetFramework);

    /// <summary>Files the package must hold besides NuGet's own metadata, README and icon, for this kind.</summary>
    protected abstract IEnumerable<string> KindFiles();

    [OneTimeSetUp]
    public void OpenPackages()
    {
        var feed = PackageFeed.RequireFeed();
        var matches = PackageFeed.PackagePaths(feed)
            .Where(p => Path.GetFileName(p).StartsWith(Expected.Id + ".", StringComparison.OrdinalIgnoreCase))
            .Select(p => new PackageArchive(p))
            .ToList();
        var mine = matches.Where(p => p.Id == Expected.Id).ToList();
        foreach (var other in matches.Except(mine))
        {
            other.Dispose();
        }

        Assert.That(mine, Has.Count.EqualTo(1), $"{feed} should hold exactly one {Expected.Id} package (was it packed? is an old version lying there?).");
        _package = mine[0];

        var symbolsPath = Path.ChangeExtension(_package.Path, ".snupkg");
        if (File.Exists(symbolsPath))
        {
            _symbols = new PackageArchive(symbolsPath);
        }
    }

    [OneTimeTearDown]
    public void ClosePackages() => Dispose();

    public void Dispose()
    {
        _package?.Dispose();
        _symbols?.Dispose();
        _package = null;
        _symbols = null;
        GC.SuppressFinalize(this);
    }

    [Test]
    public void Nuspec_carries_the_metadata_a_user_sees()
    {
        var package = Package;
        var license = package.MetadataElement("license");
        Assert.Multiple(() =>
        {
            Assert.That(package.Version, Does.Match(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$"), "a SemVer 2 version");
            Assert.That(Path.GetFileName(package.Path), Is.EqualTo($"{package.Id}.{package.Version}.nupkg"));
            Assert.That(package.MetadataValue("authors"), Is.Not.Null.And.Not.Empty);
            Assert.That(package.MetadataValue("description"), Has.Length.GreaterThan(40), "a description that says what the package is");
            Assert.That(package.MetadataValue("tags"), Does.Contain("gcore").And.Contain("iam"));
            Assert.That(license?.Attribute("type")?.Value, Is.EqualTo("expression"));
            Assert.That(license?.Value, Is.EqualTo("MIT"));
            Assert.That(package.MetadataValue("readme"), Is.EqualTo("README.md"));
            Assert.That(package.MetadataValue("icon"), Is.EqualTo("icon.png"));
        });

        // The repository element: always the commit; a URL only when git knew a public https remote.
        var repository = package.MetadataElement("repository");
        Assert.That(repository, Is.Not.Null, "the nuspec names the source revision");
        Assert.That(repository!.Attribute("commit")?.Value, Does.Match("^[0-9a-f]{40}$"), "the git commit the package was built from");
        var url = repository.Attribute("url")?.Value;
        var projectUrl = package.MetadataValue("projectUrl");
        if (url is not null || projectUrl is not null)
        {
            Assert.Multiple(() =>
            {
                Assert.That(url, Does.StartWith("https://").And.Not.Contain("@"), "a public repository URL without credentials");
                Assert.That(projectUrl, Is.EqualTo(url), "the project URL is the repository");
            });
        }
    }

    [Test]
    public void Nupkg_holds_the_expected_files_and_nothing_left_over_from_the_build()
    {
        var entries = Package.Entries;
        Assert.That(entries.Where(IsBuildLeftover), Is.Empty, "no obj/ or bin/ paths, generated sources, stamps, caches, temp files or logs");

        var required = new[] { Package.NuspecName, "README.md", "icon.png" }
            .Concat(PackagingMetadataFiles).Concat(KindFiles()).Concat(Expected.ExtraFiles)
            .Order(StringComparer.Ordinal).ToList();
        var actual = entries.Select(NormalizeMetadataName).ToList();
        Assert.That(actual, Is.SupersetOf(required), "the files a user needs");
        AssertNoUnexpectedFiles(actual, required);
    }

    /// <summary>Libraries are checked file for file; a tool adds the assemblies it depends on and checks their folder.</summary>
    protected abstract void AssertNoUnexpectedFiles(IReadOnlyList<string> actual, IReadOnlyList<string> required);

    [Test]
    public void Readme_and_icon_are_the_repository_files()
    {
        var root = PackageFeed.RepoRoot();
        Assert.Multiple(() =>
        {
            Assert.That(Package.Read("README.md"), Is.EqualTo(File.ReadAllBytes(Path.Combine(root, "README.md"))), "README.md is the repository README");
            Assert.That(Package.Read("icon.png"), Is.EqualTo(File.ReadAllBytes(Path.Combine(root, "src", "icon.png"))), "icon.png is src/icon.png");
        });
        var icon = Package.Read("icon.png");
        Assert.That(icon.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
    }

    [Test]
    public void Dependencies_are_exactly_as_intended()
    {
        var actual = Package.DependencyGroups();
        var offending = actual.SelectMany(g => g.Value).Select(d => d.Split(' ')[0])
            .Where(id => PackageExpectations.NeverADependencyPrefixes.Any(p => id.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                || (Expected.Id != PackageExpectations.TestingPackageId
                    && PackageExpectations.TestingOnlyDependencyPrefixes.Any(p => id.StartsWith(p, StringComparison.OrdinalIgnoreCase))))
            .Distinct().ToList();
        Assert.That(offending, Is.Empty, "build-only, analyzer and test packages never reach a user (mark them PrivateAssets=\"all\")");

        var expected = Expected.Dependencies.ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<string>)[.. g.Value.Select(d => d.Replace("{version}", Package.Version, StringComparison.Ordinal)).Order(StringComparer.Ordinal)],
            StringComparer.Ordinal);
        Assert.That(actual.Keys, Is.EquivalentTo(expected.Keys), "one dependency group per target framework:\n" + Package.Describe());
        foreach (var (framework, dependencies) in expected)
        {
            Assert.That(actual[framework], Is.EqualTo(dependencies), $"the {framework} dependencies (id and lower bound):\n" + Package.Describe());
        }
    }

    [Test]
    public void Each_dependency_group_holds_only_what_its_framework_needs()
    {
        foreach (var (framework, dependencies) in Package.DependencyGroups())
        {
            var isDotNet = FrameworkMoniker(framework).StartsWith(".NETCoreApp,", StringComparison.Ordinal);
            var wrong = isDotNet ? PackageExpectations.OlderRuntimeOnlyDependencyPrefixes : PackageExpectations.DotNetOnlyDependencyPrefixes;
            Assert.That(dependencies.Where(d => wrong.Any(p => d.StartsWith(p, StringComparison.OrdinalIgnoreCase))), Is.Empty,
                isDotNet
                    ? $"{framework}: no package in a .NET group that the runtime has built in"
                    : $"{framework}: no Polly or Microsoft.Extensions.Http.Resilience in a .NET Standard or .NET Framework group (they serve no asset there)");
        }
    }

    [Test]
    public void Each_assembly_targets_its_framework_and_carries_the_package_version()
    {
        foreach (var framework in Expected.TargetFrameworks)
        {
            var facts = MetadataInspection.ReadAssembly(Package.Read($"{AssemblyFolder(framework)}{Expected.AssemblyName}.dll"));
            Assert.Multiple(() =>
            {
                Assert.That(facts.Name, Is.EqualTo(Expected.AssemblyName));
                Assert.That(facts.TargetFramework, Is.EqualTo(FrameworkMoniker(framework)), $"the {framework} folder holds a {framework} build");
                Assert.That(facts.InformationalVersion, Does.StartWith(Package.Version), "the assembly is the one built for this package version");
                Assert.That(facts.PdbPath, Does.StartWith("/_/"), "a deterministic (ContinuousIntegrationBuild) build with mapped paths");
            });
        }
    }

    [Test]
    public void Symbols_package_holds_one_pdb_per_assembly_and_nothing_else()
    {
        Assume.That(Expected.HasSymbolsPackage, Is.True, "this row has no symbols package");
        Assert.That(_symbols, Is.Not.Null, $"{Path.ChangeExtension(Package.Path, ".snupkg")} should sit beside the package");
        var symbols = _symbols!;
        Assert.Multiple(() =>
        {
            Assert.That(symbols.Id, Is.EqualTo(Package.Id));
            Assert.That(symbols.Version, Is.EqualTo(Package.Version));
            Assert.That(symbols.PackageTypes(), Is.EqualTo(new[] { "SymbolsPackage" }));
            Assert.That(symbols.Entries.Where(IsBuildLeftover), Is.Empty);
        });

        var required = new[] { symbols.NuspecName }.Concat(PackagingMetadataFiles)
            .Concat(Expected.TargetFrameworks.Select(f => $"{AssemblyFolder(f)}{Expected.AssemblyName}.pdb"))
            .Order(StringComparer.Ordinal).ToList();
        var actual = symbols.Entries.Select(NormalizeMetadataName).ToList();
        Assert.That(actual, Is.SupersetOf(required), "a PDB for each assembly");
        Assert.That(actual.Except(required).Where(e => !IsSymbolsOfBundledAssembly(e)), Is.Empty, "nothing else");
    }

    /// <summary>Whether a symbols package may hold this PDB besides the package's own (a tool bundles its project references).</summary>
    protected virtual bool IsSymbolsOfBundledAssembly(string entry) => false;

    [Test]
    public void Each_pdb_belongs_to_its_assembly_and_embeds_the_generated_code()
    {
        Assume.That(Expected.HasSymbolsPackage, Is.True, "this row has no symbols package");
        Assert.That(_symbols, Is.Not.Null, "the symbols package");
        foreach (var framework in Expected.TargetFrameworks)
        {
            var assembly = MetadataInspection.ReadAssembly(Package.Read($"{AssemblyFolder(framework)}{Expected.AssemblyName}.dll"));
            var pdb = MetadataInspection.ReadPdb(_symbols!.Read($"{AssemblyFolder(framework)}{Expected.AssemblyName}.pdb"));
            Assert.That(pdb.Id, Is.EqualTo(assembly.PdbId), $"the {framework} PDB was produced with the {framework} DLL");
            // The repository's sources are mapped under /_/; the SDK maps every other source root under
            // /_1/, /_2/, ... (the package folder, for the source-only Polyfill package compiled into the
            // netstandard2.0 and net462 builds). Source Link serves only /_/, so the others must be embedded.
            Assert.That(pdb.Documents.Where(d => !MappedRoot().IsMatch(d.Name)).Select(d => d.Name), Is.Empty,
                $"{framework}: every source path is mapped under /_/ or /_N/ (deterministic build: no machine paths in the PDB)");
            Assert.That(pdb.Documents.Where(d => !d.Name.StartsWith("/_/", StringComparison.Ordinal) && !(d.EmbeddedText is not null && d.HashMatches)).Select(d => d.Name), Is.Empty,
                $"{framework}: every source from outside the repository (a source-only package's) is embedded, as compiled");

            foreach (var generated in Expected.EmbeddedGeneratedSources)
            {
                var documents = pdb.Documents.Where(d => d.Name.EndsWith("/" + generated, StringComparison.Ordinal)).ToList();
                Assert.That(documents, Has.Count.EqualTo(1), $"{framework}: the PDB lists {generated} once");
                var document = documents[0];
                Assert.Multiple(() =>
                {
                    Assert.That(document.Name, Does.Contain($"/obj/Release/{framework}/"), $"{framework}: {generated} is the build-time output in obj/");
                    Assert.That(document.EmbeddedText, Is.Not.Null, $"{framework}: {generated} is embedded (EmbedUntrackedSources)");
                    Assert.That(document.HashMatches, Is.True, $"{framework}: the embedded {generated} is the text that was compiled (checksum)");
                    Assert.That(document.EmbeddedText?.Length ?? 0, Is.GreaterThan(1000), $"{framework}: {generated} has content");
                });
            }

            // Handwritten sources are tracked by git: they are found through Source Link when the
            // package names a public repository, and are not embedded.
            var repository = Package.MetadataElement("repository");
            var repositoryUrl = repository?.Attribute("url")?.Value;
            if (repositoryUrl is not null)
            {
                Assert.That(pdb.SourceLinkJson, Does.Contain("\"/_/*\"").And.Contain(repository!.Attribute("commit")!.Value),
                    $"{framework}: Source Link maps the repository's sources at the packed commit for {repositoryUrl}");
            }
        }
    }

    /// <summary>Parses XML bytes, with or without a byte order mark.</summary>
    protected static XDocument LoadXml(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return XDocument.Load(stream);
    }

    /// <summary>An entry a package must never hold: build output folders, generated or temp files, stamps, logs.</summary>
    /// <param name="entry">The entry's path inside the package.</param>
    /// <returns>True when it does not belong in a package.</returns>
    protected static bool IsBuildLeftover(string entry) =>
        entry.Split('/').Any(segment => segment.Equals("obj", StringComparison.OrdinalIgnoreCase) || segment.Equals("bin", StringComparison.OrdinalIgnoreCase))
        || LeftoverName().IsMatch(Path.GetFileName(entry));

    [GeneratedRegex(@"^/_[0-9]*/", RegexOptions.CultureInvariant)]
    private static partial Regex MappedRoot();

    [GeneratedRegex(@"(\.g\.cs|\.cs|\.csproj|\.stamp|\.cache|\.tmp|\.temp|\.log|\.binlog|\.user|\.editorconfig|\.nupkg|\.snupkg|~)$|^GcoreIam\.g\.|^~", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeftoverName();

    private static string NormalizeMetadataName(string entry) =>
        entry.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal) && entry.EndsWith(".psmdcp", StringComparison.Ordinal)
            ? "package/services/metadata/core-properties/*.psmdcp"
            : entry;

    /// <summary>
    /// The TargetFrameworkAttribute of a build for a folder's framework: <c>net8.0</c> to
    /// <c>.NETCoreApp,Version=v8.0</c>, <c>netstandard2.0</c> to <c>.NETStandard,Version=v2.0</c>,
    /// <c>net462</c> to <c>.NETFramework,Version=v4.6.2</c>.
    /// </summary>
    private static string FrameworkMoniker(string framework)
    {
        if (framework.StartsWith("netstandard", StringComparison.Ordinal))
        {
            return ".NETStandard,Version=v" + framework["netstandard".Length..];
        }

        if (framework.StartsWith("net", StringComparison.Ordinal) && framework.Length > 3 && char.IsAsciiDigit(framework[3]))
        {
            return framework.Contains('.', StringComparison.Ordinal)
                ? ".NETCoreApp,Version=v" + framework[3..]
                : ".NETFramework,Version=v" + string.Join('.', framework[3..].ToCharArray());
        }

        throw new NotSupportedException($"Only netX.Y, netstandardX.Y and .NET Framework (net4xy) target frameworks are expected, not {framework}.");
    }
}

/// <summary>Library packages: exactly lib/&lt;tfm&gt;/ DLL and XML docs per target framework, README and icon.</summary>
[TestFixtureSource(nameof(Rows))]
public sealed class LibraryPackageTests(PackageExpectation expected) : PackageTests(expected)
{
    /// <summary>The library rows of the table whose project is in the repository.</summary>
    public static IEnumerable<PackageExpectation> Rows => PackageExpectations.Active.Where(p => p.Kind == PackageKind.Library);

    protected override string AssemblyFolder(string targetFramework) => $"lib/{targetFramework}/";

    protected override IEnumerable<string> KindFiles() =>
        Expected.TargetFrameworks.SelectMany(f => new[] { $"lib/{f}/{Expected.AssemblyName}.dll", $"lib/{f}/{Expected.AssemblyName}.xml" });

    protected override void AssertNoUnexpectedFiles(IReadOnlyList<string> actual, IReadOnlyList<string> required) =>
        Assert.That(actual.Except(required), Is.Empty, "nothing but the expected files (PDBs go to the .snupkg)");

    [Test]
    public void Package_is_a_plain_library()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Package.PackageTypes(), Is.Empty.Or.EqualTo(new[] { "Dependency" }), "not a tool or template package");
            Assert.That(Package.Entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)).Select(e => e.Split('/')[1]).Distinct(),
                Is.EquivalentTo(Expected.TargetFrameworks), "lib/ has exactly the target frameworks");
        });
    }

    [Test]
    public void Xml_documentation_is_for_the_assembly_and_covers_every_public_type()
    {
        foreach (var framework in Expected.TargetFrameworks)
        {
            var doc = LoadXml(Package.Read($"lib/{framework}/{Expected.AssemblyName}.xml"));
            var documented = doc.Root!.Element("members")!.Elements("member").Select(m => m.Attribute("name")!.Value).ToHashSet(StringComparer.Ordinal);
            var assembly = MetadataInspection.ReadAssembly(Package.Read($"lib/{framework}/{Expected.AssemblyName}.dll"));
            Assert.Multiple(() =>
            {
                Assert.That(doc.Root!.Element("assembly")?.Element("name")?.Value, Is.EqualTo(Expected.AssemblyName));
                Assert.That(assembly.PublicTypes, Is.Not.Empty, $"{framework}: the assembly has a public API");
                Assert.That(assembly.PublicTypes.Where(t => !documented.Contains(t)), Is.Empty, $"{framework}: every public type is documented");
            });
        }
    }
}

/// <summary>.NET tool packages (PackAsTool): tools/&lt;tfm&gt;/any/ with the tool, its settings and what it needs.</summary>
[TestFixtureSource(nameof(Rows))]
public sealed class ToolPackageTests(PackageExpectation expected) : PackageTests(expected)
{
    /// <summary>The tool rows of the table whose project is in the repository.</summary>
    public static IEnumerable<PackageExpectation> Rows => PackageExpectations.Active.Where(p => p.Kind == PackageKind.DotnetTool);

    protected override string AssemblyFolder(string targetFramework) => $"tools/{targetFramework}/any/";

    protected override IEnumerable<string> KindFiles() =>
        Expected.TargetFrameworks.SelectMany(f => new[]
        {
            $"tools/{f}/any/{Expected.AssemblyName}.dll",
            $"tools/{f}/any/{Expected.AssemblyName}.deps.json",
            $"tools/{f}/any/{Expected.AssemblyName}.runtimeconfig.json",
            $"tools/{f}/any/DotnetToolSettings.xml",
        });

    /// <summary>A tool's symbols package also holds the PDBs of the project references it bundles.</summary>
    protected override bool IsSymbolsOfBundledAssembly(string entry) =>
        entry.EndsWith(".pdb", StringComparison.Ordinal) && Expected.TargetFrameworks.Any(f => entry.StartsWith($"tools/{f}/any/", StringComparison.Ordinal));

    [Test]
    public void Tool_settings_name_the_command_and_its_entry_point()
    {
        foreach (var framework in Expected.TargetFrameworks)
        {
            var settings = LoadXml(Package.Read($"tools/{framework}/any/DotnetToolSettings.xml"));
            var command = settings.Descendants("Command").Single();
            Assert.Multiple(() =>
            {
                Assert.That(command.Attribute("Name")?.Value, Is.EqualTo(Expected.AssemblyName), "the command users type");
                Assert.That(command.Attribute("EntryPoint")?.Value, Is.EqualTo(Expected.AssemblyName + ".dll"));
                Assert.That(command.Attribute("Runner")?.Value, Is.EqualTo("dotnet"));
            });
        }
    }

    protected override void AssertNoUnexpectedFiles(IReadOnlyList<string> actual, IReadOnlyList<string> required) =>
        Assert.That(actual.Except(required).Where(e => !Expected.TargetFrameworks.Any(f => e.StartsWith($"tools/{f}/any/", StringComparison.Ordinal))), Is.Empty,
            "besides the metadata, README and icon, only tools/<tfm>/any/");

    [Test]
    public void Package_is_a_dotnet_tool_with_no_dependencies()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Package.PackageTypes(), Is.EqualTo(new[] { "DotnetTool" }));
            Assert.That(Package.DependencyGroups().SelectMany(g => g.Value), Is.Empty, "a tool carries what it needs");
            Assert.That(Package.Entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)), Is.Empty, "a tool is not a library");
        });
    }
}
