using System.Text;
using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Import;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Tests;

/// <summary>
/// Paths into the repository, the fixtures and small helpers. The fixtures are written by hand for
/// these tests (<c>Fixtures/iam-per-product.yaml</c>; <c>iam-aggregated.json</c> is the same
/// description in the aggregated form). They reproduce the structure of the two forms Gcore
/// publishes, as docs/regenerating.md describes it (upstream paths and schema names, a 3.1 header with
/// 3.0-style nullable, both security scheme forms, oneOf/anyOf error unions, shared parameters and
/// answers by $ref, aliases, inline schemas named by pointer, allOf extensions, other products' paths
/// with look-alike names, and every defect the fixes check), in this project's own order and words.
/// None of Gcore's text or examples is in them. Versions of them (older, next) are made by the
/// helpers below, each change named.
/// </summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string OpenApiDir => Path.Combine(Root, "openapi");

    public static string Overlay => File.ReadAllText(Path.Combine(OpenApiDir, Gcore.Iam.SpecTool.Import.Overlay.FileName));

    public static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    /// <summary>The per-product form (<c>iam_api.yaml</c>), as its structure was in July 2026.</summary>
    public static byte[] PerProduct => File.ReadAllBytes(Fixture("iam-per-product.yaml"));

    /// <summary>The aggregated form the SDKs are generated from, as its structure was in July 2026.</summary>
    public static byte[] Aggregated => File.ReadAllBytes(Fixture("iam-aggregated.json"));

    public static JsonObject Tree(string yamlOrJson) => (JsonObject)YamlText.Parse(yamlOrJson);

    public static JsonObject Tree(byte[] source) => Tree(Encoding.UTF8.GetString(source));

    public static byte[] Bytes(JsonObject doc) => Encoding.UTF8.GetBytes(doc.ToJsonString());

    public static ImportResult Run(byte[] source, JsonObject? previous = null) => Importer.Run(source, Overlay, previous);

    public static JsonObject Import(byte[] source) => Tree(Run(source).SpecYaml);

    /// <summary>The per-product fixture as Gcore published it in April 2026: <c>count</c> a number, the page envelope's members optional, every member of the PATCH body required.</summary>
    public static byte[] April2026()
    {
        var doc = Tree(PerProduct);
        var page = (JsonObject)doc["components"]!["schemas"]!["PaginatedUsersArray"]!;
        page.Remove("required");
        page["properties"]!["count"]!["type"] = "number";
        var put = (JsonObject)doc["components"]!["schemas"]!["PutUser"]!;
        put["required"] = new JsonArray(((JsonObject)put["properties"]!).Select(p => (JsonNode)p.Key).ToArray());
        doc["info"]!["version"] = "fixture-2026-04";
        return Bytes(doc);
    }

    /// <summary>A description from before April 2026: no <c>/iam/v2/</c> token operations.</summary>
    public static byte[] WithoutV2()
    {
        var doc = Tree(PerProduct);
        foreach (var path in doc["paths"]!.AsObject().Select(p => p.Key).Where(p => p.StartsWith("/iam/v2/", StringComparison.Ordinal)).ToList())
        {
            doc["paths"]!.AsObject().Remove(path);
        }

        return Bytes(doc);
    }

    /// <summary>
    /// A next version: <c>currentUser</c> becomes a string and <c>signup_process</c> goes (breaking), a new
    /// optional <c>timezone</c> and a new service <c>FASTEDGE</c> come (not breaking), Gcore adds an IAM
    /// operation the client does not cover, and rewrites a description (no API change).
    /// </summary>
    public static byte[] Next()
    {
        var doc = Tree(PerProduct);
        var schemas = doc["components"]!["schemas"]!;
        var overview = (JsonObject)schemas["ClientBase"]!;
        overview["properties"]!["currentUser"] = new JsonObject { ["type"] = "string" };
        ((JsonObject)overview["properties"]!).Remove("signup_process");
        overview["properties"]!["timezone"] = new JsonObject { ["type"] = "string" };
        ((JsonArray)schemas["ServiceName"]!["enum"]!).Add("FASTEDGE");
        schemas["User"]!["description"] = "A user, described in other words.";
        doc["paths"]!["/iam/clients/{clientId}/client-users"] = JsonNode.Parse("""
            { "get": { "operationId": "iamListClientUsers", "parameters": [ { "$ref": "#/components/parameters/ClientID" } ],
              "responses": { "200": { "description": "Fixture answer.", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/User" } } } } } } } }
            """);
        doc["info"]!["version"] = "fixture-next";
        return Bytes(doc);
    }

    /// <summary>A fresh folder under the temp directory.</summary>
    public static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "gcore-spectool-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A copy of the committed openapi/ folder to work on.</summary>
    public static string CopyOfOpenApi(string name)
    {
        var dir = TempDir(name);
        foreach (var file in Directory.GetFiles(OpenApiDir))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }

        return dir;
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
