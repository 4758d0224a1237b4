using System.IO.Compression;
using System.Xml.Linq;

namespace Gcore.Iam.Packaging.Tests;

/// <summary>The local folder feed the pack step wrote, and the packages in it.</summary>
public static class PackageFeed
{
    /// <summary>The environment variable naming the feed folder.</summary>
    public const string FeedVariable = "GCORE_IAM_PACKAGE_FEED";

    /// <summary>
    /// The feed folder. Ignores the calling test when <see cref="FeedVariable"/> is unset (outside the
    /// pack step); fails when it is set but names no folder.
    /// </summary>
    /// <returns>The full path of the feed folder.</returns>
    public static string RequireFeed()
    {
        var feed = Environment.GetEnvironmentVariable(FeedVariable);
        if (string.IsNullOrEmpty(feed))
        {
            Assert.Ignore($"{FeedVariable} is not set: these tests inspect the packages that .ci/steps/50-pack-and-consume.sh packs, and run there.");
        }

        Assert.That(Directory.Exists(feed), Is.True, $"{FeedVariable}='{feed}' is not a folder.");
        return Path.GetFullPath(feed);
    }

    /// <summary>The <c>.nupkg</c> files of the feed (symbols packages excluded).</summary>
    /// <param name="feed">The feed folder.</param>
    /// <returns>Their paths, sorted.</returns>
    public static IReadOnlyList<string> PackagePaths(string feed) =>
        [.. Directory.GetFiles(feed, "*.nupkg").Order(StringComparer.Ordinal)];

    /// <summary>The repository root (the folder holding the solution), found from the test's folder upwards.</summary>
    /// <returns>Its full path.</returns>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gcore.Iam.Generated.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Gcore.Iam.Generated.sln was not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>An opened package (<c>.nupkg</c> or <c>.snupkg</c>): its entries and its nuspec.</summary>
public sealed class PackageArchive : IDisposable
{
    private readonly ZipArchive _zip;

    /// <summary>Opens a package file.</summary>
    /// <param name="path">The <c>.nupkg</c> or <c>.snupkg</c>.</param>
    public PackageArchive(string path)
    {
        Path = path;
        _zip = ZipFile.OpenRead(path);
        Entries = [.. _zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal)];
        var nuspecs = Entries.Where(e => !e.Contains('/', StringComparison.Ordinal) && e.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase)).ToList();
        if (nuspecs.Count != 1)
        {
            throw new InvalidDataException($"{path} holds {nuspecs.Count} nuspec files at its root; a package has exactly one.");
        }

        NuspecName = nuspecs[0];
        using (var stream = _zip.GetEntry(NuspecName)!.Open())
        {
            Nuspec = XDocument.Load(stream);
        }

        Metadata = Nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Id = MetadataValue("id") ?? throw new InvalidDataException($"{path}: the nuspec has no id.");
        Version = MetadataValue("version") ?? throw new InvalidDataException($"{path}: the nuspec has no version.");
    }

    /// <summary>The package file.</summary>
    public string Path { get; }

    /// <summary>Every entry's path inside the package, sorted.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>The nuspec's entry name.</summary>
    public string NuspecName { get; }

    /// <summary>The nuspec.</summary>
    public XDocument Nuspec { get; }

    /// <summary>The nuspec's <c>metadata</c> element.</summary>
    public XElement Metadata { get; }

    /// <summary>The package id.</summary>
    public string Id { get; }

    /// <summary>The package version.</summary>
    public string Version { get; }

    /// <summary>The text of a child element of <c>metadata</c>, or null.</summary>
    /// <param name="name">The element's local name.</param>
    /// <returns>Its value.</returns>
    public string? MetadataValue(string name) => MetadataElement(name)?.Value;

    /// <summary>A child element of <c>metadata</c>, or null.</summary>
    /// <param name="name">The element's local name.</param>
    /// <returns>The element.</returns>
    public XElement? MetadataElement(string name) => Metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name);

    /// <summary>
    /// The dependency groups: target framework to <c>"Id version"</c> (sorted). Dependencies outside a
    /// group are reported under the key <c>(no group)</c>.
    /// </summary>
    /// <returns>The groups.</returns>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DependencyGroups()
    {
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var dependencies = MetadataElement("dependencies");
        if (dependencies is null)
        {
            return groups;
        }

        foreach (var child in dependencies.Elements())
        {
            if (child.Name.LocalName == "group")
            {
                groups[ShortFrameworkName(child.Attribute("targetFramework")?.Value) ?? "(any framework)"] =
                    [.. child.Elements().Where(e => e.Name.LocalName == "dependency").Select(Describe).Order(StringComparer.Ordinal)];
            }
            else if (child.Name.LocalName == "dependency")
            {
                groups["(no group)"] = [.. (groups.TryGetValue("(no group)", out var list) ? list : []), Describe(child)];
            }
        }

        return groups;

        static string Describe(XElement dependency) =>
            $"{dependency.Attribute("id")?.Value} {dependency.Attribute("version")?.Value}";
    }

    /// <summary>
    /// A dependency group's framework as the lib/ folder names it: NuGet writes <c>net8.0</c> as it is,
    /// but <c>netstandard2.0</c> as <c>.NETStandard2.0</c> and <c>net462</c> as <c>.NETFramework4.6.2</c>.
    /// </summary>
    /// <param name="framework">The group's targetFramework attribute, or null.</param>
    /// <returns>The short name, or null.</returns>
    public static string? ShortFrameworkName(string? framework) => framework switch
    {
        null => null,
        _ when framework.StartsWith(".NETStandard", StringComparison.OrdinalIgnoreCase) => "netstandard" + framework[".NETStandard".Length..],
        _ when framework.StartsWith(".NETFramework", StringComparison.OrdinalIgnoreCase) => "net" + framework[".NETFramework".Length..].Replace(".", "", StringComparison.Ordinal),
        _ => framework,
    };

    /// <summary>The package types the nuspec declares (empty for a plain library).</summary>
    /// <returns>Their names.</returns>
    public IReadOnlyList<string> PackageTypes() =>
        [.. MetadataElement("packageTypes")?.Elements().Select(e => e.Attribute("name")?.Value ?? "") ?? []];

    /// <summary>Whether the package holds an entry.</summary>
    /// <param name="entry">Its path inside the package.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string entry) => _zip.GetEntry(entry) is not null;

    /// <summary>An entry's bytes.</summary>
    /// <param name="entry">Its path inside the package.</param>
    /// <returns>The bytes.</returns>
    public byte[] Read(string entry)
    {
        var zipEntry = _zip.GetEntry(entry) ?? throw new FileNotFoundException($"{System.IO.Path.GetFileName(Path)} has no entry {entry}.");
        using var stream = zipEntry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>A summary to paste into <see cref="PackageExpectations"/>: files, package types, dependencies.</summary>
    /// <returns>Several lines of text.</returns>
    public string Describe()
    {
        var groups = DependencyGroups();
        return $"{Id} {Version}" + Environment.NewLine
            + "  files: " + string.Join(", ", Entries) + Environment.NewLine
            + "  package types: " + (PackageTypes().Count == 0 ? "(none)" : string.Join(", ", PackageTypes())) + Environment.NewLine
            + "  dependencies: " + (groups.Count == 0 ? "(none)" : string.Join("; ", groups.Select(g => $"{g.Key}: [{string.Join(", ", g.Value)}]")));
    }

    /// <inheritdoc/>
    public void Dispose() => _zip.Dispose();
}
