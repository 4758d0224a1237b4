using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Import;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Tests;

/// <summary>Paths into the repository and the fixtures, and small helpers shared by the fixtures.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string OpenApiDir => Path.Combine(Root, "openapi");

    public static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    public static byte[] V1 => File.ReadAllBytes(Fixture("gcore-openapi-v1.json"));

    public static byte[] V2 => File.ReadAllBytes(Fixture("gcore-openapi-v2.json"));

    public static JsonObject Tree(string yamlOrJson) => (JsonObject)YamlText.Parse(yamlOrJson);

    public static JsonObject Import(byte[] source) => Tree(Importer.Run(source, "source/gcore-openapi.json").SpecYaml);

    /// <summary>A fresh folder under the test's temp directory, removed by the OS's temp cleaning.</summary>
    public static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "gcore-spectool-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void CopyDir(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Gcore.Iam.Generated.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (Gcore.Iam.Generated.sln) was not found above the test directory.");
    }
}
