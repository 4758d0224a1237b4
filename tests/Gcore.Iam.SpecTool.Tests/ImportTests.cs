using System.Text;
using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Import;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Tests;

[TestFixture]
public class ImportTests
{
    private static readonly string[] ClientSchemas =
    [
        "AccountOverview", "AccountStatus", "AccountUser", "ApiToken", "ApiTokenCreate", "ApiTokenCreated", "ApiTokenRole",
        "ApiTokenUser", "AuthType", "Capability", "ClientAndRoles", "ErrorResponse", "FreeFeature", "PaidFeature",
        "ServiceState", "ServiceStatus", "User", "UserArray", "UserGroup", "UserInvite", "UserInviteResult",
        "UserLanguage", "UserPage", "UserPageEnvelope", "UserType", "UserUpdate",
    ];

    [Test]
    public void Keeps_exactly_the_client_operations_and_what_they_reference()
    {
        var source = Repo.Tree(Encoding.UTF8.GetString(Repo.V1));
        var spec = Repo.Import(Repo.V1);

        var operations = spec["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Where(m => m.Key != "parameters").Select(m => $"{m.Key.ToUpperInvariant()} {p.Key} {(string?)m.Value!["operationId"]}"))
            .ToList();
        var expected = ClientContract.Operations.Select(o => $"{o.Method.ToUpperInvariant()} {o.Path} {o.OperationId}").ToList();
        Assert.Multiple(() =>
        {
            // The source really is multi-product, and has IAM operations the client does not cover.
            Assert.That(source["paths"]!.AsObject().Select(p => p.Key), Has.Some.StartsWith("/cdn/").And.Some.StartsWith("/dns/").And.Some.StartsWith("/cloud/").And.Some.EqualTo("/iam/auth/jwt/login"));
            Assert.That(operations, Is.EqualTo(expected), "the operations, in the table's order, with the client's ids");
            Assert.That(spec["components"]!["schemas"]!.AsObject().Select(s => s.Key), Is.EquivalentTo(ClientSchemas));
            Assert.That(spec["components"]!["responses"]!.AsObject().Select(s => s.Key), Is.EquivalentTo(new[] { "BadRequest", "NotFound", "Unauthorized" }));
            Assert.That(spec["components"]!["parameters"]!.AsObject().Select(s => s.Key), Is.EquivalentTo(new[] { "ClientId", "TokenId", "UserId" }));
            Assert.That(spec["tags"]!.AsArray().Select(t => (string?)t!["name"]), Is.EqualTo(new[] { "Users", "Account", "ApiTokens" }));
            Assert.That(spec.ToJsonString(), Does.Not.Contain("x-displayName").And.Not.Contain("x-codeSamples").And.Not.Contain("x-tagGroups"));
            Assert.That(spec.ToJsonString(), Does.Not.Contain("Cdn").And.Not.Contain("Dns").And.Not.Contain("Jwt").And.Not.Contain("Cloud").And.Not.Contain("UnusedLegacyUser"));
        });
    }

    [Test]
    public void Names_drive_the_generated_csharp_as_the_table_says()
    {
        var spec = Repo.Import(Repo.V1);
        var patch = spec["paths"]!["/iam/users/{userId}"]!["patch"]!;
        var tokens = spec["paths"]!["/iam/v2/clients/{clientId}/tokens"]!;
        var issuedBy = tokens["get"]!["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "issued_by")!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)patch["requestBody"]!["x-name"], Is.EqualTo("update"));
            Assert.That(patch["requestBody"]!["x-position"]!.ToJsonString(), Is.EqualTo("2"));
            Assert.That((string?)tokens["post"]!["requestBody"]!["x-name"], Is.EqualTo("token"));
            Assert.That((string?)spec["paths"]!["/iam/clients/invite_user"]!["post"]!["requestBody"]!["x-name"], Is.EqualTo("invite"));
            Assert.That((string?)issuedBy["x-originalName"], Is.EqualTo("issuedBy"));
            Assert.That((string?)spec["openapi"], Is.EqualTo("3.0.3"));
            Assert.That((string?)spec["info"]!["version"], Is.EqualTo("2026.11.1"), "the API version comes from the source");
        });
    }

    [Test]
    public void Applies_every_listed_fix_and_marks_it()
    {
        var source = Repo.Tree(Encoding.UTF8.GetString(Repo.V1));
        var spec = Repo.Import(Repo.V1);
        var schemas = spec["components"]!["schemas"]!;
        var user = schemas["User"]!;

        Assert.Multiple(() =>
        {
            // The defects are in the source ...
            Assert.That((string?)source["components"]!["schemas"]!["UserPage"]!["properties"]!["count"]!["type"], Is.EqualTo("number"));
            Assert.That(source["components"]!["schemas"]!["User"]!["required"]!.AsArray().Select(n => (string?)n), Does.Contain("client_and_roles"));
            Assert.That(source["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "apikey" }));

            // ... and not in the output.
            foreach (var fix in SpecFixes.All)
            {
                var node = JsonPointer.Resolve(spec, fix.Target);
                Assert.That(node?["x-gcore-fix"]?.ToJsonString(), Does.Contain(fix.Id + ": "), fix.Id);
            }

            Assert.That((string?)schemas["UserPageEnvelope"]!["properties"]!["count"]!["type"], Is.EqualTo("integer"));
            Assert.That((string?)schemas["UserPageEnvelope"]!["properties"]!["count"]!["format"], Is.EqualTo("int32"));
            Assert.That(schemas["UserPage"]!["oneOf"]!.AsArray().Select(r => (string?)r!["$ref"]),
                Is.EqualTo(new[] { "#/components/schemas/UserPageEnvelope", "#/components/schemas/UserArray" }));
            Assert.That(user["required"]!.AsArray().Select(n => (string?)n), Is.EqualTo(new[] { "email", "id", "name", "phone" }));
            Assert.That((bool?)user["properties"]!["name"]!["nullable"], Is.True);
            Assert.That((bool?)user["properties"]!["phone"]!["nullable"], Is.True);
            Assert.That((string?)user["properties"]!["client"]!["format"], Is.EqualTo("int64"));
            Assert.That(spec["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key), Is.EqualTo(new[] { "APIKey" }));
            Assert.That(spec["security"]!.ToJsonString(), Is.EqualTo("""[{"APIKey":[]}]"""));
            Assert.That((bool?)spec["paths"]!["/iam/users"]!["get"]!["parameters"]![0]!["required"], Is.True);
        });
    }

    [Test]
    public void Rewrites_openapi_31_constructs_as_30()
    {
        var source = Encoding.UTF8.GetString(Repo.V1);
        var spec = Importer.Run(Repo.V1, "source/gcore-openapi.json").SpecYaml;
        var tree = Repo.Tree(spec);
        Assert.Multiple(() =>
        {
            Assert.That(Walk(Repo.Tree(source)).Count(o => o["type"] is JsonArray), Is.GreaterThan(5), "the fixture uses 3.1 type lists");
            Assert.That(Walk(Repo.Tree(source)).Any(o => o["examples"] is JsonArray), Is.True, "the fixture uses 3.1 examples lists");
            Assert.That(Walk(tree).Any(o => o["type"] is JsonArray), Is.False, "no type lists");
            Assert.That(Walk(tree).Any(o => o["examples"] is JsonArray), Is.False, "no 3.1 examples lists");
            Assert.That(Walk(tree).Any(o => o.ContainsKey("$ref") && o.Count > 1), Is.False, "nothing beside a $ref");
            Assert.That((bool?)tree["components"]!["schemas"]!["ApiToken"]!["properties"]!["exp_date"]!["nullable"], Is.True);
            Assert.That((bool?)tree["components"]!["schemas"]!["ErrorResponse"]!["properties"]!["info"]!["nullable"], Is.True, "an untyped 3.1 property takes null");
            Assert.That(tree["components"]!["schemas"]!["User"]!["properties"]!["groups"]!["example"], Is.Not.Null, "examples[0] becomes example");
        });
    }

    [Test]
    public void Is_byte_stable_and_independent_of_the_source_key_order()
    {
        var first = Importer.Run(Repo.V1, "source/gcore-openapi.json");
        var second = Importer.Run(Repo.V1, "source/gcore-openapi.json");

        // The same document with every map (except schema properties and parameter lists) in reverse order.
        var shuffled = Repo.Tree(Encoding.UTF8.GetString(Repo.V1));
        Reverse(shuffled, isProperties: false);
        var third = Importer.Run(Encoding.UTF8.GetBytes(shuffled.ToJsonString()), "source/gcore-openapi.json");

        Assert.Multiple(() =>
        {
            Assert.That(second.SpecYaml, Is.EqualTo(first.SpecYaml));
            Assert.That(second.SourceJson, Is.EqualTo(first.SourceJson));
            Assert.That(third.SpecYaml, Is.EqualTo(first.SpecYaml));
            Assert.That(first.SpecYaml, Does.Not.Contain("\r"));
            Assert.That(first.SpecYaml, Does.EndWith("\n"));
        });
    }

    [Test]
    public void Records_the_source_identity()
    {
        var record = JsonNode.Parse(Importer.Run(Repo.V1, "source/gcore-openapi.json").SourceJson)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)record["infoVersion"], Is.EqualTo("2026.11.1"));
            Assert.That((string?)record["sha256"], Is.EqualTo(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Repo.V1))));
            Assert.That((string?)record["file"], Is.EqualTo("source/gcore-openapi.json"));
        });
    }

    [Test]
    public void The_committed_spec_is_the_import_of_the_committed_source()
    {
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.OpenApiDir, "source.json")))!;
        var source = File.ReadAllBytes(Path.Combine(Repo.OpenApiDir, (string)record["file"]!));
        var result = Importer.Run(source, (string)record["file"]!);
        Assert.That(result.SpecYaml, Is.EqualTo(File.ReadAllText(Path.Combine(Repo.OpenApiDir, "gcore-iam.yaml"))));
    }

    [Test]
    public void A_missing_operation_stops_the_import_naming_it()
    {
        var source = Repo.Tree(Encoding.UTF8.GetString(Repo.V1));
        source["paths"]!.AsObject().Remove("/iam/clients/me");
        var e = Assert.Throws<ImportException>(() => Importer.Run(Encoding.UTF8.GetBytes(source.ToJsonString()), "x.json"));
        Assert.That(e!.Message, Does.Contain("/iam/clients/me").And.Contain("Account_GetAccountOverview"));
    }

    [Test]
    public void A_defect_gcore_fixed_is_reported_and_not_marked()
    {
        var source = Repo.Tree(Encoding.UTF8.GetString(Repo.V1));
        source["components"]!["schemas"]!["UserPage"]!["properties"]!["count"] = new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        var result = Importer.Run(Encoding.UTF8.GetBytes(source.ToJsonString()), "x.json");
        var spec = Repo.Tree(result.SpecYaml);
        Assert.Multiple(() =>
        {
            Assert.That(result.Notes, Has.Some.Contains("users-page-count-integer was not needed"));
            Assert.That(spec["components"]!["schemas"]!["UserPageEnvelope"]!["properties"]!["count"]!["x-gcore-fix"], Is.Null);
            Assert.That((string?)spec["components"]!["schemas"]!["UserPageEnvelope"]!["properties"]!["count"]!["type"], Is.EqualTo("integer"));
        });
    }

    [Test]
    public void Notes_the_iam_operations_the_client_does_not_cover()
    {
        var result = Importer.Run(Repo.V2, "x.json");
        Assert.That(result.Notes, Has.Some.EqualTo("not covered by the client: GET /iam/clients/{clientId}/client-users"));
    }

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.SelectMany(p => Walk(p.Value)))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.SelectMany(Walk))
                {
                    yield return child;
                }

                break;
        }
    }

    private static void Reverse(JsonNode? node, bool isProperties)
    {
        switch (node)
        {
            case JsonObject o:
                var entries = o.ToList();
                o.Clear();
                foreach (var (key, value) in isProperties ? entries : Enumerable.Reverse(entries))
                {
                    Reverse(value, isProperties: !isProperties && key == "properties");
                    o[key] = value;
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Reverse(item, isProperties: false);
                }

                break;
        }
    }
}
