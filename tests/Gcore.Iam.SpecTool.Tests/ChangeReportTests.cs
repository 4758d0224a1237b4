using System.Text;
using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Diff;

namespace Gcore.Iam.SpecTool.Tests;

[TestFixture]
public class ChangeReportTests
{
    /// <summary>What the "next version" fixture changes, and how each change must be classified.</summary>
    private static readonly (bool Breaking, string Location, string Description)[] NextVersionInClientSpec =
    [
        (true, "AccountOverview.currentUser", "type changed from integer to string"),
        (true, "AccountOverview.signup_process", "field removed"),
        (true, "SignupProcess", "schema removed (its generated type goes away)"),
        (false, "AccountOverview.timezone", "new optional field (string)"),
        (false, "Capability", "new enum value \"FASTEDGE\" (the client keeps unknown values; callers may want to handle it)"),
    ];

    [Test]
    public void Classifies_every_change_between_the_imported_specs()
    {
        // The new upstream operation is not in the client's table, so it does not reach the client's
        // spec (the import reports it as new instead: ImportTests.A_new_upstream_operation_is_reported_as_new),
        // and the rewritten description changes no API.
        var changes = SpecDiff.Compare(Repo.Import(Repo.PerProduct), Repo.Import(Repo.Next()));

        Assert.That(changes, Is.EquivalentTo(NextVersionInClientSpec.Select(c => new Change(c.Breaking, c.Location, c.Description))));
    }

    [Test]
    public void A_change_to_descriptions_only_is_no_api_change()
    {
        var old = Repo.Import(Repo.PerProduct);
        var changed = Repo.Import(Repo.PerProduct);
        changed["paths"]!["/iam/users"]!["get"]!["summary"] = "Another summary";
        changed["components"]!["schemas"]!["User"]!["description"] = "Other words.";

        Assert.That(SpecDiff.Compare(old, changed), Is.Empty);
    }

    [Test]
    public void Finds_nothing_between_a_spec_and_itself()
    {
        Assert.That(SpecDiff.Compare(Repo.Import(Repo.PerProduct), Repo.Import(Repo.PerProduct)), Is.Empty);
    }

    [TestCase("new required request field", true)]
    [TestCase("new optional request field", false)]
    [TestCase("request field became required", true)]
    [TestCase("new required parameter", true)]
    [TestCase("new optional parameter", true)]
    [TestCase("parameter removed", true)]
    [TestCase("operation removed", true)]
    [TestCase("response field may be null", true)]
    [TestCase("request field may be null", false)]
    [TestCase("response field became optional", true)]
    [TestCase("enum value removed", true)]
    [TestCase("success response removed", true)]
    [TestCase("error response added", false)]
    public void Classifies_by_the_callers_side(string change, bool breaking)
    {
        var oldDoc = Small();
        var newDoc = Small();
        var thing = (JsonObject)newDoc["components"]!["schemas"]!["Thing"]!;
        var update = (JsonObject)newDoc["components"]!["schemas"]!["ThingUpdate"]!;
        var get = (JsonObject)newDoc["paths"]!["/things/{id}"]!["get"]!;
        switch (change)
        {
            case "new required request field":
                update["properties"]!["colour"] = new JsonObject { ["type"] = "string" };
                update["required"]!.AsArray().Add("colour");
                break;
            case "new optional request field":
                update["properties"]!["colour"] = new JsonObject { ["type"] = "string" };
                break;
            case "request field became required":
                update["required"]!.AsArray().Add("size");
                break;
            case "new required parameter":
                get["parameters"] = new JsonArray(new JsonObject { ["name"] = "v", ["in"] = "query", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
                break;
            case "new optional parameter":
                get["parameters"] = new JsonArray(new JsonObject { ["name"] = "v", ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } });
                break;
            case "parameter removed":
                newDoc["paths"]!["/things/{id}"]!.AsObject().Remove("parameters");
                break;
            case "operation removed":
                newDoc["paths"]!["/things/{id}"]!.AsObject().Remove("patch");
                break;
            case "response field may be null":
                thing["properties"]!["name"]!["nullable"] = true;
                break;
            case "request field may be null":
                update["properties"]!["size"]!["nullable"] = true;
                break;
            case "response field became optional":
                thing["required"] = new JsonArray();
                break;
            case "enum value removed":
                thing["properties"]!["kind"]!["enum"]!.AsArray().RemoveAt(1);
                break;
            case "success response removed":
                get["responses"]!.AsObject().Remove("200");
                get["responses"]!["204"] = new JsonObject { ["description"] = "nothing" };
                break;
            case "error response added":
                get["responses"]!["404"] = new JsonObject { ["description"] = "no such thing" };
                break;
            default:
                throw new ArgumentException(change);
        }

        var changes = SpecDiff.Compare(oldDoc, newDoc);

        Assert.That(changes, Is.Not.Empty);
        Assert.That(changes.Any(c => c.Breaking), Is.EqualTo(breaking), string.Join("\n", changes));
    }

    [Test]
    public void Public_api_diff_shows_removed_changed_and_added_symbols()
    {
        var dir = Repo.TempDir("api");
        var oldFile = Path.Combine(dir, "old.txt");
        var newShipped = Path.Combine(dir, "PublicAPI.Shipped.txt");
        var newUnshipped = Path.Combine(dir, "PublicAPI.Unshipped.txt");
        File.WriteAllLines(oldFile, ["#nullable enable", "Gcore.Iam.A.X.get -> int", "Gcore.Iam.A.Y.get -> string?", "Gcore.Iam.A.Z() -> void"]);
        File.WriteAllLines(newShipped, ["#nullable enable", "Gcore.Iam.A.X.get -> int", "Gcore.Iam.A.Y.get -> string?", "Gcore.Iam.A.Z() -> void"]);
        File.WriteAllLines(newUnshipped, ["#nullable enable", "*REMOVED*Gcore.Iam.A.Z() -> void", "*REMOVED*Gcore.Iam.A.X.get -> int", "Gcore.Iam.A.X.get -> string!", "Gcore.Iam.A.W.get -> bool"]);

        var changes = ApiListingDiff.Compare(ApiListingDiff.Load([oldFile]), ApiListingDiff.Load([dir]));

        Assert.That(changes, Is.EquivalentTo(new[]
        {
            new Change(true, "Gcore.Iam.A.X.get", "changed: `Gcore.Iam.A.X.get -> int` -> `Gcore.Iam.A.X.get -> string!`"),
            new Change(true, "Gcore.Iam.A.Z() -> void", "removed"),
            new Change(false, "Gcore.Iam.A.W.get -> bool", "added"),
        }));
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public async Task The_command_exits_1_on_a_breaking_change_and_writes_the_report()
    {
        var dir = Repo.TempDir("diff");
        var oldSpec = Path.Combine(dir, "old.yaml");
        var newSpec = Path.Combine(dir, "new.yaml");
        await File.WriteAllTextAsync(oldSpec, Repo.Run(Repo.PerProduct).SpecYaml);
        await File.WriteAllTextAsync(newSpec, Repo.Run(Repo.Next()).SpecYaml);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var breaking = await Cli.RunAsync(["diff", "--old", oldSpec, "--new", newSpec, "--format", "md"], stdout, stderr);
        var report = stdout.ToString();
        using var same = new StringWriter();
        var none = await Cli.RunAsync(["diff", "--old", oldSpec, "--new", oldSpec, "--format", "text"], same, stderr);

        Assert.Multiple(() =>
        {
            Assert.That(breaking, Is.EqualTo(Cli.Found));
            Assert.That(report, Does.Contain("**Breaking: 3 in the spec**"));
            Assert.That(report, Does.Contain("| breaking | `AccountOverview.signup_process` | field removed |"));
            Assert.That(report, Does.Contain("| not breaking | `AccountOverview.timezone` | new optional field (string) |"));
            Assert.That(none, Is.EqualTo(Cli.Ok), stderr.ToString());
            Assert.That(same.ToString(), Does.Contain("no breaking change"));
        });
        Directory.Delete(dir, recursive: true);
    }

    private static JsonObject Small() => (JsonObject)JsonNode.Parse("""
        {
          "openapi": "3.0.3",
          "info": { "title": "t", "version": "1" },
          "paths": {
            "/things/{id}": {
              "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
              "get": {
                "operationId": "Things_Get",
                "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Thing" } } } } }
              },
              "patch": {
                "operationId": "Things_Update",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ThingUpdate" } } } },
                "responses": { "200": { "description": "ok" } }
              }
            }
          },
          "components": {
            "schemas": {
              "Thing": {
                "type": "object",
                "required": [ "name" ],
                "properties": {
                  "name": { "type": "string" },
                  "kind": { "type": "string", "enum": [ "a", "b" ] }
                }
              },
              "ThingUpdate": {
                "type": "object",
                "required": [],
                "properties": { "size": { "type": "integer" } }
              }
            }
          }
        }
        """)!;
}
