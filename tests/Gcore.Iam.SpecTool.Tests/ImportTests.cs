using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Check;
using Gcore.Iam.SpecTool.Import;

namespace Gcore.Iam.SpecTool.Tests;

/// <summary>The import, on fixtures that reproduce the structure of both forms Gcore publishes.</summary>
[TestFixture]
public class ImportTests
{
    private static JsonObject Schemas(JsonObject spec) => (JsonObject)spec["components"]!["schemas"]!;

    [Test]
    public void Both_published_forms_give_the_same_spec()
    {
        var perProduct = Repo.Import(Repo.PerProduct);
        var aggregated = Repo.Import(Repo.Aggregated);
        perProduct["info"]!["version"] = "x";
        aggregated["info"]!["version"] = "x";

        Assert.That(JsonNode.DeepEquals(perProduct, aggregated), Is.True,
            "the aggregated form (http APIKey scheme, anyOf unions, non-IAM paths) must give the per-product form's spec");
    }

    [Test]
    public void The_fixtures_import_to_the_committed_spec()
    {
        // The fixtures must keep up with Gcore's description: after importing a new one, change them the
        // same way (docs/regenerating.md, step 2 of the routine), so that these tests go on testing the structure that is published.
        // The fixtures list members by name, not in Gcore's order, so the order of keys is not compared.
        var committed = ByKey(Repo.Tree(File.ReadAllText(Path.Combine(Repo.OpenApiDir, Importer.SpecFileName))));
        committed["info"]!["version"] = "x";
        foreach (var fixture in new[] { Repo.PerProduct, Repo.Aggregated })
        {
            var imported = ByKey(Repo.Import(fixture));
            imported["info"]!["version"] = "x";
            var differences = new List<string>();

            DriftCheck.Differences(committed, imported, "", differences);

            Assert.That(differences, Is.Empty, "the fixture no longer imports to openapi/gcore-iam.yaml (expected = the committed spec)");
        }
    }

    [Test]
    public void A_reordered_description_imports_to_the_same_bytes()
    {
        // No order of Gcore's file reaches the spec, so none reaches the public API (the model factory's
        // parameters follow the order of a schema's members): the import writes its own order.
        foreach (var (form, source) in new[] { ("per-product", Repo.PerProduct), ("aggregated", Repo.Aggregated) })
        {
            var reordered = Repo.Reordered(source);
            Assert.That(reordered, Is.Not.EqualTo(source), "the reordered copy differs");

            Assert.That(Repo.Run(reordered).SpecYaml, Is.EqualTo(Repo.Run(source).SpecYaml), $"the {form} form, reordered");
        }
    }

    [Test]
    public void Writes_schema_members_and_enum_values_by_name()
    {
        var user = (JsonObject)Schemas(Repo.Import(Repo.Reordered(Repo.PerProduct)))["User"]!;
        var members = user["properties"]!.AsObject().Select(p => p.Key).ToList();
        var language = Schemas(Repo.Import(Repo.Reordered(Repo.PerProduct)))["UserLanguage"]!;
        var values = language["enum"]!.AsArray().Select(v => (string?)v).ToList();
        var names = language["x-enumNames"]!.AsArray().Select(v => (string?)v).ToList();

        Assert.That(members, Is.EqualTo(members.Order(StringComparer.Ordinal).ToList()));
        Assert.That(values, Is.EqualTo(values.Order(StringComparer.Ordinal).ToList()));
        Assert.That(names, Is.EqualTo(values.Select(v => char.ToUpperInvariant(v![0]) + v[1..]).ToList()), "each C# name stays with its value");
    }

    /// <summary>A copy with every object's keys in ordinal order (arrays keep theirs).</summary>
    private static JsonObject ByKey(JsonObject node) => (JsonObject)ByKey((JsonNode)node)!;

    private static JsonNode? ByKey(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, ByKey(p.Value)))),
        JsonArray a => new JsonArray(a.Select(ByKey).ToArray()),
        _ => node?.DeepClone(),
    };

    [Test]
    public void Keeps_exactly_the_client_operations_selected_by_method_and_path()
    {
        var spec = Repo.Import(Repo.Aggregated);

        var operations = spec["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => $"{o.Key.ToUpperInvariant()} {p.Key} {(string?)o.Value!["operationId"]}"))
            .ToList();

        Assert.That(operations, Is.EquivalentTo(ClientContract.Operations.Select(o => $"{o.Method.ToUpperInvariant()} {o.Path} {o.OperationId}")));
        Assert.That(Schemas(spec).Select(s => s.Key), Has.None.EqualTo("UserListItem").And.None.EqualTo("TokenSerializer").And.None.EqualTo("ClientBase"),
            "non-IAM look-alikes and upstream names do not reach the spec");
    }

    [Test]
    public void Gives_every_schema_this_clients_name()
    {
        // Derived, not listed: a rename is one row of SchemaNames, and this test holds every schema of the
        // spec to the client's own names (the rename table, the error body, the schemas the fixes make and
        // the handwritten layer names) and every schema the operation table declares to the spec.
        var names = Schemas(Repo.Import(Repo.PerProduct)).Select(s => s.Key).ToList();
        var declared = ClientContract.Operations.SelectMany(o => new[] { o.Answers, o.Takes, o.Paging?.Item }).OfType<string>().Distinct().ToList();
        var clientNames = SchemaNames.All.Select(r => r.Name)
            .Append(ClientContract.ErrorSchemaName)
            .Concat(HandwrittenContract.Members.Select(m => m.Schema))
            .Concat(declared)
            .ToHashSet(StringComparer.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.SubsetOf(clientNames), "a schema with an upstream name, or a name no table gives");
            Assert.That(names, Is.SupersetOf(declared), "the schemas the operation table declares");
            Assert.That(names, Has.None.EqualTo("Token-2").And.None.EqualTo("ClientBase").And.None.EqualTo("UserRole"), "upstream names");
        });
    }

    [Test]
    public void Writes_primitive_and_array_schemas_in_place_and_pins_parameter_order()
    {
        var spec = Repo.Import(Repo.PerProduct);
        var name = Schemas(spec)["User"]!["properties"]!["name"]!;
        var revoke = (JsonArray)spec["paths"]!["/iam/clients/{clientId}/client-users/{userId}"]!["delete"]!["parameters"]!;
        var list = (JsonArray)spec["paths"]!["/iam/v2/clients/{clientId}/tokens"]!["get"]!["parameters"]!;

        Assert.Multiple(() =>
        {
            Assert.That(name.ToJsonString(), Does.Contain("\"nullable\":true").And.Contain("\"type\":\"string\""), "UserName is written in place");
            Assert.That(revoke.Select(p => (string?)p!["name"]), Is.EqualTo(new[] { "clientId", "userId" }), "path order, whatever Gcore's list order");
            Assert.That(list.Select(p => (string?)p!["name"]), Is.EqualTo(new[] { "clientId", "deleted", "issued_by", "not_issued_by", "role" }));
        });
    }

    [Test]
    public void Drops_gcores_prose_and_applies_this_clients_own()
    {
        var yaml = Repo.Run(Repo.PerProduct).SpecYaml;

        Assert.Multiple(() =>
        {
            Assert.That(yaml, Does.Not.Contain("Fixture description").And.Not.Contain("Fixture summary").And.Not.Contain("Fixture: dropped"));
            Assert.That(yaml, Does.Contain("summary: Page through the users"));
            Assert.That(yaml, Does.Contain("Users of the accounts the API key can see."));
        });
    }

    [Test]
    public void Applies_the_fixes_the_current_form_needs_and_marks_them()
    {
        var result = Repo.Run(Repo.PerProduct);
        var spec = Repo.Tree(result.SpecYaml);
        var record = JsonNode.Parse(result.SourceJson)!;
        var limit = ((JsonArray)spec["paths"]!["/iam/users"]!["get"]!["parameters"]!).Single(p => (string?)p!["name"] == "limit")!;

        Assert.Multiple(() =>
        {
            Assert.That(((JsonArray)record["fixesNotNeeded"]!).Select(n => (string?)n), Is.EquivalentTo(new[] { "users-page-count-integer", "users-page-members-required" }));
            Assert.That(((JsonArray)record["fixesApplied"]!).Count + ((JsonArray)record["fixesNotNeeded"]!).Count, Is.EqualTo(SpecFixes.All.Count));
            Assert.That((bool?)limit["required"], Is.True);
            Assert.That((string?)spec["paths"]!["/iam/users"]!["get"]!["x-gcore-fix"], Does.StartWith("users-list-limit-required:"));
            Assert.That(Schemas(spec)["UserPage"]!["oneOf"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That((string?)Schemas(spec)["User"]!["properties"]!["client"]!["format"], Is.EqualTo("int64"));
            Assert.That(Schemas(spec)["UserUpdate"]!["properties"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "email", "name", "lang", "phone", "auth_types" }));
            Assert.That(Schemas(spec)["AccountOverview"]!["properties"]!["freeFeatures"]!["additionalProperties"], Is.Not.Null);
            Assert.That(spec["paths"]!["/iam/v2/clients/{clientId}/tokens/{tokenId}"]!["delete"]!["responses"]!.AsObject().Select(r => r.Key), Does.Contain("200").And.Contain("204"));
            Assert.That(result.Notes, Has.Some.Contains("fix users-page-count-integer is no longer needed"));
        });
    }

    [Test]
    public void Applies_the_fixes_an_older_form_needs()
    {
        var result = Repo.Run(Repo.April2026());
        var envelope = Schemas(Repo.Tree(result.SpecYaml))["UserPageEnvelope"]!;
        var update = Schemas(Repo.Tree(result.SpecYaml))["UserUpdate"]!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)envelope["properties"]!["count"]!["type"], Is.EqualTo("integer"));
            Assert.That(envelope["required"]!.AsArray().Select(n => (string?)n), Is.EquivalentTo(new[] { "count", "results" }));
            Assert.That(update["required"], Is.Null, "a PATCH requires nothing");
            Assert.That(result.Notes, Has.None.Contains("no longer needed"));
        });
    }

    [Test]
    public void A_fix_whose_target_changed_shape_fails_the_import_naming_it()
    {
        var doc = Repo.Tree(Repo.PerProduct);
        doc["paths"]!["/iam/users"]!["get"]!.AsObject().Remove("parameters");

        var e = Assert.Throws<ImportException>(() => Repo.Run(Repo.Bytes(doc)));

        Assert.That(e!.Message, Does.Contain("fix users-list-limit-required").And.Contain("changed shape"));
    }

    [Test]
    public void A_description_without_the_v2_token_operations_is_refused()
    {
        var e = Assert.Throws<ImportException>(() => Repo.Run(Repo.WithoutV2()));

        Assert.That(e!.Message, Does.Contain("lacks 4 of the 20 operations").And.Contain("GET /iam/v2/clients/{clientId}/tokens").And.Contain("April 2026"));
    }

    [Test]
    public async Task The_command_exits_2_and_writes_nothing_on_a_refused_description()
    {
        var dir = Repo.CopyOfOpenApi("refused");
        var source = Path.Combine(dir, "old.json");
        await File.WriteAllBytesAsync(source, Repo.WithoutV2());
        var before = await File.ReadAllTextAsync(Path.Combine(dir, "gcore-iam.yaml"));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await Cli.RunAsync(["import", "--source", source, "--out", dir], stdout, stderr);

        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(Cli.Error));
            Assert.That(stderr.ToString(), Does.Contain("ApiTokens_ListApiTokens"));
            Assert.That(File.ReadAllText(Path.Combine(dir, "gcore-iam.yaml")), Is.EqualTo(before));
        });
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void A_schema_gcore_renamed_is_refused_until_the_rename_table_names_it()
    {
        var doc = Repo.Tree(Repo.PerProduct);
        var schemas = doc["components"]!["schemas"]!.AsObject();
        schemas.Remove("ClientBase", out var overview);
        schemas["ClientDetails"] = overview;
        doc["paths"]!["/iam/clients/me"]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"] = "#/components/schemas/ClientDetails";

        var e = Assert.Throws<ImportException>(() => Repo.Run(Repo.Bytes(doc)));

        Assert.That(e!.Message, Does.Contain("ClientDetails").And.Contain("SchemaNames.cs"));
    }

    [Test]
    public void Two_upstream_schemas_with_one_name_must_agree()
    {
        var doc = Repo.Tree(Repo.PerProduct);
        doc["components"]!["schemas"]!["UserPublic"]!["properties"]!["email"] = new JsonObject { ["type"] = "integer" };

        var e = Assert.Throws<ImportException>(() => Repo.Run(Repo.Bytes(doc)));

        Assert.That(e!.Message, Does.Contain("UserPublic").And.Contain("User").And.Contain("email"));
    }

    [Test]
    public void A_spec_that_breaks_the_handwritten_contract_is_refused()
    {
        var doc = Repo.Tree(Repo.PerProduct);
        doc["components"]!["schemas"]!["Group"]!["properties"]!["id"] = new JsonObject { ["type"] = "string" };

        var e = Assert.Throws<ImportException>(() => Repo.Run(Repo.Bytes(doc)));

        Assert.That(e!.Message, Does.Contain("fix user-group-id-required").Or.Contain("HandwrittenContract"));
    }

    [Test]
    public void An_unknown_security_scheme_form_is_refused()
    {
        var doc = Repo.Tree(Repo.PerProduct);
        doc["components"]!["securitySchemes"]!["APIKey"] = new JsonObject { ["type"] = "oauth2", ["flows"] = new JsonObject() };

        var e = Assert.Throws<ImportException>(() => Repo.Run(Repo.Bytes(doc)));

        Assert.That(e!.Message, Does.Contain("security scheme APIKey has a form the import does not know"));
    }

    [Test]
    public void Enum_members_get_pascal_case_names()
    {
        var schemas = Schemas(Repo.Import(Repo.PerProduct));

        Assert.Multiple(() =>
        {
            Assert.That(schemas["AuthType"]!["x-enumNames"]!.AsArray().Select(n => (string?)n), Does.Contain("GoogleOauth2"));
            Assert.That(schemas["Capability"]!["x-enumNames"]!.AsArray().Select(n => (string?)n), Does.Contain("Cdn"));
            Assert.That(schemas["UserGroupName"]!["x-enumNames"]!.AsArray().Select(n => (string?)n), Does.Contain("PurgeAndPrefetchOnlyApiWeb"));
            Assert.That(schemas["SignupProcess"]!["x-enumNames"]!.AsArray().Select(n => (string?)n), Does.Contain("SignUpFull"));
        });
    }

    [Test]
    public void Is_byte_stable_and_independent_of_the_source_key_order()
    {
        var first = Repo.Run(Repo.PerProduct);
        var second = Repo.Run(Repo.PerProduct);
        var doc = Repo.Tree(Repo.PerProduct);
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var reversed = new JsonObject();
        foreach (var (key, value) in schemas.Reverse().ToList())
        {
            schemas.Remove(key);
            reversed[key] = value;
        }

        doc["components"]!["schemas"] = reversed;
        var third = Repo.Run(Repo.Bytes(doc));

        Assert.Multiple(() =>
        {
            Assert.That(second.SpecYaml, Is.EqualTo(first.SpecYaml));
            Assert.That(third.SpecYaml, Is.EqualTo(first.SpecYaml));
        });
    }

    [Test]
    public void Records_where_the_source_is_published_and_its_identity()
    {
        var perProduct = JsonNode.Parse(Repo.Run(Repo.PerProduct).SourceJson)!;
        var aggregated = JsonNode.Parse(Repo.Run(Repo.Aggregated).SourceJson)!;

        Assert.Multiple(() =>
        {
            Assert.That((string?)perProduct["form"], Is.EqualTo("per-product"));
            Assert.That((string?)perProduct["published"], Does.Contain("G-Core/product-documentation"));
            Assert.That((string?)aggregated["form"], Is.EqualTo("aggregated"));
            Assert.That((string?)aggregated["published"], Does.Contain("G-Core/gcore-python"));
            Assert.That((string?)perProduct["sha256"], Is.EqualTo(Importer.Sha256(Repo.PerProduct)));
            Assert.That((string?)perProduct["infoVersion"], Is.EqualTo("fixture-2026-07"));
            Assert.That(perProduct["upstreamIamOperations"]!.AsArray(), Has.Count.EqualTo(24));
        });
    }

    [Test]
    public void A_new_upstream_operation_is_reported_as_new()
    {
        var previous = (JsonObject)JsonNode.Parse(Repo.Run(Repo.PerProduct).SourceJson)!;

        var notes = Repo.Run(Repo.Next(), previous).Notes;

        Assert.Multiple(() =>
        {
            Assert.That(notes, Has.Some.EqualTo("new upstream operation, not covered by the client: GET /iam/clients/{clientId}/client-users"));
            Assert.That(notes.Single(n => n.StartsWith("not covered", StringComparison.Ordinal)), Does.Not.Contain("/iam/clients/{clientId}/client-users,")
                .And.Contain("known before"));
        });
    }

    [Test]
    public async Task An_import_that_gives_the_same_bytes_leaves_the_files_untouched()
    {
        var dir = Repo.CopyOfOpenApi("same-bytes");
        var source = Path.Combine(dir, "source.yaml");
        await File.WriteAllBytesAsync(source, Repo.PerProduct);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        Assert.That(await Cli.RunAsync(["import", "--source", source, "--out", dir], stdout, stderr), Is.EqualTo(Cli.Ok), stderr.ToString());
        var spec = Path.Combine(dir, "gcore-iam.yaml");
        var stamp = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(spec, stamp);

        var again = await Cli.RunAsync(["import", "--source", source, "--out", dir], stdout, stderr);

        Assert.Multiple(() =>
        {
            Assert.That(again, Is.EqualTo(Cli.Ok));
            Assert.That(File.GetLastWriteTimeUtc(spec), Is.EqualTo(stamp));
            Assert.That(stdout.ToString(), Does.Contain("unchanged"));
        });
        Directory.Delete(dir, recursive: true);
    }
}
