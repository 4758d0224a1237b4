namespace Gcore.Iam.Packaging.Tests;

/// <summary>The shape of a package.</summary>
public enum PackageKind
{
    /// <summary>A library: <c>lib/&lt;tfm&gt;/</c> with the assembly and its XML documentation, one dependency group per target framework.</summary>
    Library,

    /// <summary>A .NET tool (<c>PackAsTool</c>): <c>tools/&lt;tfm&gt;/any/</c> with the tool and everything it needs, package type DotnetTool, no dependencies.</summary>
    DotnetTool,
}

/// <summary>What one package must hold; see <see cref="PackageExpectations.All"/>.</summary>
/// <param name="Id">The package id (the project's PackageId).</param>
/// <param name="Project">The project that packs it, relative to the repository root. A row whose project is not in the repository (yet) is not checked, and its package must not be in the feed.</param>
/// <param name="Kind">Library or .NET tool.</param>
/// <param name="AssemblyName">The main assembly's name, without <c>.dll</c>.</param>
/// <param name="TargetFrameworks">The target frameworks, as the package's folders name them (<c>netstandard2.0</c>, <c>net462</c>, <c>net8.0</c>).</param>
/// <param name="Dependencies">
/// For a library: per target framework (named as in <paramref name="TargetFrameworks"/>; the nuspec's
/// <c>.NETStandard2.0</c> and <c>.NETFramework4.6.2</c> groups are read as <c>netstandard2.0</c> and <c>net462</c>), every dependency as <c>"Id version"</c> exactly as the nuspec
/// writes it (a plain version is a lower bound). <c>{version}</c> stands for the package's own version
/// (a dependency on a sibling package shipped in lockstep). Nothing more, nothing less.
/// </param>
public sealed record PackageExpectation(
    string Id,
    string Project,
    PackageKind Kind,
    string AssemblyName,
    IReadOnlyList<string> TargetFrameworks,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Dependencies)
{
    /// <summary>
    /// Source files that are not in git (generated into obj/ at build time) and so must be embedded in
    /// the PDBs of the symbols package to be debuggable. Matched by file name.
    /// </summary>
    public IReadOnlyList<string> EmbeddedGeneratedSources { get; init; } = [];

    /// <summary>Files the package holds besides the ones its kind implies (paths inside the package).</summary>
    public IReadOnlyList<string> ExtraFiles { get; init; } = [];

    /// <summary>Whether a <c>.snupkg</c> must sit beside the <c>.nupkg</c>.</summary>
    public bool HasSymbolsPackage { get; init; } = true;

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>
/// THE table of shipped packages. Every package in the feed must have a row here and every row a
/// package in the feed, so a new packable project under src/ fails the packaging tests until it is
/// described here (the failure message prints what its nuspec actually holds, to copy from).
/// </summary>
public static class PackageExpectations
{
    /// <summary>
    /// The client's runtime dependencies on every target: the lowest versions that carry what it uses
    /// (the net8-era lower bounds of Directory.Packages.props). NSwag.MSBuild is build-only
    /// (PrivateAssets=all) and must not appear; nor may any analyzer or test package. Microsoft.Bcl.AsyncInterfaces
    /// (<c>IAsyncEnumerable</c>) and Microsoft.Bcl.TimeProvider (<c>TimeProvider</c>) are in every group: on
    /// .NET they are facades forwarding to the runtime's types, needed by code compiled against the
    /// netstandard2.0 build (a user's netstandard2.0 library) when the application runs a .NET build.
    /// Polyfill is source-only (PrivateAssets=all) and must never be a dependency (<see cref="NeverADependencyPrefixes"/>).
    /// </summary>
    private static readonly string[] ClientCommonDependencies =
    [
        "Microsoft.Bcl.AsyncInterfaces 8.0.0",
        "Microsoft.Bcl.TimeProvider 8.0.1",
        "Microsoft.Extensions.Http 8.0.1",
        "Microsoft.Extensions.Logging.Abstractions 8.0.2",
        "Microsoft.Extensions.Options.ConfigurationExtensions 8.0.0",
        "Newtonsoft.Json 13.0.3",
    ];

    /// <summary>
    /// On .NET 8 and later: Polly's HttpClient integration, which runs the retries under dependency
    /// injection. It serves no netstandard2.0 or .NET Framework asset, so it is in the .NET groups only.
    /// </summary>
    private static readonly string[] ClientDotNetDependencies =
    [
        .. ClientCommonDependencies,
        "Microsoft.Extensions.Http.Resilience 8.10.0",
    ];

    /// <summary>
    /// The fake server's: the client at the same version (lockstep), and the spec reader and JSON Schema
    /// validator it routes and checks requests with, the same on every target. On .NET it hosts Kestrel
    /// from the ASP.NET Core shared framework (a framework reference, no package); on netstandard2.0 and
    /// net462, its own loopback HTTP/1.1 server (no package either; Polyfill is source-only).
    /// </summary>
    private static readonly string[] TestingDependencies =
    [
        "Gcore.Iam.Generated {version}",
        "NJsonSchema 11.6.2",
        "NSwag.Core.Yaml 14.8.0",
    ];

    /// <summary>
    /// Every package the solution ships. The rows for the fake-server library and the CLI tool were
    /// taken from packing their projects (from the branch that adds them) together with this one; they
    /// apply as soon as those projects are in the repository. A new package fails
    /// <see cref="FeedTests"/> until it has a row here: the failure prints what the package holds.
    /// </summary>
    public static readonly IReadOnlyList<PackageExpectation> All =
    [
        new("Gcore.Iam.Generated", "src/Gcore.Iam.Generated/Gcore.Iam.Generated.csproj", PackageKind.Library, "Gcore.Iam.Generated", ["netstandard2.0", "net462", "net8.0", "net10.0"],
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["netstandard2.0"] = ClientCommonDependencies,
                ["net462"] = ClientCommonDependencies,
                ["net8.0"] = ClientDotNetDependencies,
                ["net10.0"] = ClientDotNetDependencies,
            })
        {
            EmbeddedGeneratedSources = ["GcoreIam.g.cs"],
        },
        new("Gcore.Iam.Testing", "src/Gcore.Iam.Testing/Gcore.Iam.Testing.csproj", PackageKind.Library, "Gcore.Iam.Testing", ["netstandard2.0", "net462", "net8.0", "net10.0"],
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["netstandard2.0"] = TestingDependencies,
                ["net462"] = TestingDependencies,
                ["net8.0"] = TestingDependencies,
                ["net10.0"] = TestingDependencies,
            }),
        new("Gcore.Iam.Cli", "src/Gcore.Iam.Cli/Gcore.Iam.Cli.csproj", PackageKind.DotnetTool, "gcore-iam", ["net10.0"],
            new Dictionary<string, IReadOnlyList<string>>()),
    ];

    /// <summary>The rows whose project is in the repository: the packages the feed must hold.</summary>
    public static IEnumerable<PackageExpectation> Active =>
        All.Where(p => File.Exists(Path.Combine(PackageFeed.RepoRoot(), p.Project)));

    /// <summary>Package ids that must never be a dependency of a shipped package: build-time, analyzer and test packages.</summary>
    public static readonly IReadOnlyList<string> NeverADependencyPrefixes =
    [
        "NSwag.MSBuild",
        "NSwag.CodeGeneration",
        "Polyfill",
        "PolySharp",
        "Microsoft.NETFramework.ReferenceAssemblies",
        "NJsonSchema.CodeGeneration",
        "Microsoft.CodeAnalysis.",
        "Microsoft.SourceLink.",
        "Microsoft.Build.",
        "Microsoft.DotNet.ApiCompat",
        "Microsoft.NET.Test.Sdk",
        "NUnit",
        "coverlet",
    ];

    /// <summary>
    /// Package ids a .NET Standard or .NET Framework dependency group must not hold: Polly's HttpClient
    /// integration serves no asset there (the library's own retry loop runs instead).
    /// </summary>
    public static readonly IReadOnlyList<string> DotNetOnlyDependencyPrefixes = ["Microsoft.Extensions.Http.Resilience", "Polly"];

    /// <summary>
    /// Package ids a .NET (net5.0 and later) dependency group must not hold: the runtime has them, and no
    /// type of the client's netstandard2.0 API lives in them alone. (Microsoft.Bcl.AsyncInterfaces and
    /// Microsoft.Bcl.TimeProvider do hold such types: they stay, see the client's row.)
    /// </summary>
    public static readonly IReadOnlyList<string> OlderRuntimeOnlyDependencyPrefixes = ["System.Memory", "System.Threading.Tasks.Extensions", "System.Buffers", "System.ValueTuple"];

    /// <summary>Package ids that only the fake-server testing library may depend on.</summary>
    public static readonly IReadOnlyList<string> TestingOnlyDependencyPrefixes = ["WireMock.", "NJsonSchema", "NSwag."];

    /// <summary>The one package allowed to depend on <see cref="TestingOnlyDependencyPrefixes"/>.</summary>
    public const string TestingPackageId = "Gcore.Iam.Testing";
}
