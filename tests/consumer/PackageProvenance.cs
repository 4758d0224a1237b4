using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace Gcore.Iam.Consumer;

/// <summary>
/// Proves the client this program runs is the one just packed, not a stale or foreign copy: the package
/// restored into NUGET_PACKAGES has the content hash of the .nupkg in the local feed, and the
/// Gcore.Iam.Generated.dll loaded is byte for byte that package's lib/&lt;this program's framework&gt;/ DLL.
/// </summary>
internal static class PackageProvenance
{
#if NET10_0
    public const string TargetFramework = "net10.0";
#elif NET8_0
    public const string TargetFramework = "net8.0";
#endif

    private const string PackageId = "Gcore.Iam.Generated";

    public static IEnumerable<(bool Ok, string What)> Check()
    {
        var feed = Environment.GetEnvironmentVariable("GCORE_IAM_PACKAGE_FEED");
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (string.IsNullOrEmpty(feed) || string.IsNullOrEmpty(packages))
        {
            yield return (false, "GCORE_IAM_PACKAGE_FEED and NUGET_PACKAGES are set (run me with .ci/steps/50-pack-and-consume.sh)");
            yield break;
        }

        var assembly = typeof(GcoreIamClient).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "";
        var version = informational.Split('+')[0];
        Console.WriteLine($"{PackageId} {informational} loaded from {assembly.Location}");

        var feedPackage = Path.Combine(feed, $"{PackageId}.{version}.nupkg");
        yield return (File.Exists(feedPackage), $"the feed holds {Path.GetFileName(feedPackage)}");
        if (!File.Exists(feedPackage))
        {
            yield break;
        }

        var feedHash = Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(feedPackage)));
        var metadataFile = Path.Combine(packages, PackageId.ToLowerInvariant(), version, ".nupkg.metadata");
        string? restoredHash = null;
        if (File.Exists(metadataFile))
        {
            using var metadata = JsonDocument.Parse(File.ReadAllText(metadataFile));
            restoredHash = metadata.RootElement.GetProperty("contentHash").GetString();
        }

        yield return (restoredHash == feedHash, $"the package restored into NUGET_PACKAGES is the feed's .nupkg (SHA-512 {Short(restoredHash)} = {Short(feedHash)})");

        byte[] packedDll;
        using (var zip = System.IO.Compression.ZipFile.OpenRead(feedPackage))
        {
            var entry = zip.GetEntry($"lib/{TargetFramework}/{PackageId}.dll");
            if (entry is null)
            {
                yield return (false, $"the package has lib/{TargetFramework}/{PackageId}.dll");
                yield break;
            }

            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            packedDll = copy.ToArray();
        }

        yield return (SHA256.HashData(File.ReadAllBytes(assembly.Location)).AsSpan().SequenceEqual(SHA256.HashData(packedDll)),
            $"the loaded {PackageId}.dll is the package's lib/{TargetFramework}/ DLL");
    }

    private static string Short(string? hash) => hash is null ? "(none)" : hash[..12] + "...";
}
