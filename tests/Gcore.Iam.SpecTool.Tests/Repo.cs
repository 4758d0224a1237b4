using System.Text;
using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Import;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Tests;

/// <summary>
/// Paths into the repository, the fixtures and small helpers. The fixtures are written by hand for
/// these tests (<c>Fixtures/iam-per-product.yaml</c>; <see cref="Aggregated"/> makes the same
/// description in the aggregated form from it). They reproduce the structure of the two forms Gcore
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

    /// <summary>
    /// The aggregated form the SDKs are generated from, as its structure was in July 2026: made from the
    /// per-product fixture by the ways the two forms differ (<see cref="AggregatedForm"/>), so that only
    /// one fixture is kept by hand.
    /// </summary>
    public static byte[] Aggregated => Bytes(AggregatedForm(Tree(PerProduct)));

    /// <summary><see cref="Aggregated"/> as a file, for the command line.</summary>
    public static string AggregatedFile()
    {
        var path = Path.Combine(TempDir("aggregated"), "iam-aggregated.json");
        File.WriteAllBytes(path, Aggregated);
        return path;
    }

    /// <summary>
    /// <paramref name="doc"/> (the per-product form) in the aggregated form: JSON, its own <c>info</c>, the
    /// API key as an <c>http</c> security scheme, <c>anyOf</c> where the per-product form has <c>oneOf</c>,
    /// every operation tagged <c>IAM</c>, and other products' paths among IAM's, whose schemas have names
    /// and members like IAM's. Paths and schemas are listed by name, as in the aggregated file.
    /// </summary>
    private static JsonObject AggregatedForm(JsonObject doc)
    {
        doc["info"] = new JsonObject { ["title"] = "Fixture: every product, aggregated form", ["version"] = "fixture-agg-2026-07", ["description"] = "Fixture description: the aggregated form." };
        doc["components"]!["securitySchemes"]!["APIKey"] = new JsonObject { ["type"] = "http", ["scheme"] = "APIKey", ["description"] = "Fixture: dropped." };
        AnyOfForOneOf(doc["components"]!["schemas"]!);
        foreach (var operation in doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()).Select(m => m.Value).OfType<JsonObject>().Where(o => o.ContainsKey("tags")))
        {
            operation["tags"] = new JsonArray("IAM");
        }

        var others = Tree("""
            {
              "paths": {
                "/cloud/v1/users/{project_id}": { "get": { "operationId": "cloudListUsers", "tags": ["Cloud"],
                  "parameters": [ { "name": "project_id", "in": "path", "required": true, "schema": { "type": "integer" } }, { "$ref": "#/components/parameters/Limit" } ],
                  "responses": { "200": { "description": "Fixture description.", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/UserListItem" } } } } } } } },
                "/cloud/v1/users/{project_id}/{userId}": { "patch": { "operationId": "cloudUpdateUser", "tags": ["Cloud"],
                  "parameters": [ { "name": "project_id", "in": "path", "required": true, "schema": { "type": "integer" } }, { "$ref": "#/components/parameters/UserID" } ],
                  "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/UserRoleSerializer" } } } },
                  "responses": { "200": { "description": "Fixture description.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/UserListItem" } } } } } } },
                "/dns/v2/clients/me/tokens": { "get": { "operationId": "dnsListTokens", "tags": ["DNS"],
                  "responses": { "200": { "description": "Fixture description.", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/TokenSerializer" } } } } } } } },
                "/storage/provisioning/v1/users": { "post": { "operationId": "storageCreateUser", "tags": ["Storage"],
                  "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ClientUsersSerializer" } } } },
                  "responses": { "201": { "description": "Fixture description." } } } }
              },
              "schemas": {
                "UserListItem": { "type": "object", "properties": { "id": { "type": "integer" }, "email": { "type": "string" }, "role": { "$ref": "#/components/schemas/UserRoleSerializer" } } },
                "UserRoleSerializer": { "type": "object", "properties": { "role": { "type": "string", "enum": ["admin", "member"] } } },
                "TokenSerializer": { "type": "object", "properties": { "id": { "type": "integer" }, "name": { "type": "string" }, "token": { "type": "string" } } },
                "ClientUsersSerializer": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" }, "client_id": { "type": "integer" } } }
              }
            }
            """);
        doc["paths"] = ByName(doc["paths"]!.AsObject(), others["paths"]!.AsObject());
        doc["components"]!["schemas"] = ByName(doc["components"]!["schemas"]!.AsObject(), others["schemas"]!.AsObject());
        return doc;
    }

    private static void AnyOfForOneOf(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            if (obj["oneOf"] is { } oneOf)
            {
                obj.Remove("oneOf");
                obj["anyOf"] = oneOf;
            }

            foreach (var child in obj.Select(p => p.Value).ToList())
            {
                AnyOfForOneOf(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                AnyOfForOneOf(item);
            }
        }
    }

    /// <summary>The members of both objects, in ordinal order of their names (<paramref name="more"/>'s win).</summary>
    private static JsonObject ByName(JsonObject first, JsonObject more)
    {
        var all = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in first.Concat(more).ToList())
        {
            all[name] = value?.DeepClone();
        }

        return new JsonObject(all);
    }

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

    /// <summary>
    /// <paramref name="source"/> with the same content in another order: every object's members reversed
    /// (paths, methods, schemas, schema members, answers), and the lists whose order means nothing to
    /// OpenAPI reversed too (parameters, enum values, <c>required</c>). Only <c>allOf</c>/<c>oneOf</c>/<c>anyOf</c>
    /// lists and 3.1 type lists keep their order.
    /// </summary>
    public static byte[] Reordered(byte[] source) => Bytes((JsonObject)Reverse(Tree(source), null)!);

    private static JsonNode? Reverse(JsonNode? node, string? key) => node switch
    {
        JsonObject o => new JsonObject(o.Reverse().Select(p => KeyValuePair.Create(p.Key, Reverse(p.Value, p.Key))).ToList()),
        JsonArray a when key is "parameters" or "enum" or "required" => new JsonArray(a.Reverse().Select(i => Reverse(i, null)).ToArray()),
        JsonArray a => new JsonArray(a.Select(i => Reverse(i, null)).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>A next version with additions only: a new optional <c>timezone</c> on the overview and a new service <c>FASTEDGE</c>.</summary>
    public static byte[] NextMinor()
    {
        var doc = Tree(PerProduct);
        var schemas = doc["components"]!["schemas"]!;
        schemas["ClientBase"]!["properties"]!["timezone"] = new JsonObject { ["type"] = "string" };
        ((JsonArray)schemas["ServiceName"]!["enum"]!).Add("FASTEDGE");
        doc["info"]!["version"] = "fixture-next-minor";
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
