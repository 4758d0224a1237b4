using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Gcore.Iam.Tests;

/// <summary>
/// Every JSON fixture the contract tests answer with (or compare a request with) is checked against
/// the schema of the spec it stands for, so fixtures cannot drift from the contract. The mapping
/// lives in fixtures.manifest.json; fixtures that break the contract on purpose must break it
/// exactly where the manifest says.
/// </summary>
[TestFixture]
public class FixtureValidationTests
{
    private static readonly Lazy<FixtureManifest> LoadedManifest = new(FixtureManifest.Load);

    private static OpenApiDocument _spec = null!;

    private static string TestDirectory => AppContext.BaseDirectory;

    private static string FixturesDirectory => Path.Combine(TestDirectory, "Fixtures");

    public static IEnumerable<string> ConformingFixtures =>
        LoadedManifest.Value.Fixtures.Where(f => f.Value.Breaks is null).Select(f => f.Key);

    public static IEnumerable<string> BreakingFixtures =>
        LoadedManifest.Value.Fixtures.Where(f => f.Value.Breaks is not null).Select(f => f.Key);

    [OneTimeSetUp]
    public async Task LoadSpec() =>
        _spec = await OpenApiYamlDocument.FromFileAsync(Path.Combine(TestDirectory, "openapi", "gcore-iam.yaml"));

    [Test]
    public void Every_fixture_file_is_in_the_manifest_and_every_entry_has_a_file()
    {
        var files = Directory.EnumerateFiles(FixturesDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(FixturesDirectory, f).Replace('\\', '/'));

        Assert.That(files, Is.EquivalentTo(LoadedManifest.Value.Fixtures.Where(f => !f.Value.Example).Select(f => f.Key)), "the others are schemas' examples");
    }

    [Test]
    public void Every_manifest_entry_names_a_schema_of_the_spec_and_says_how_a_breaking_fixture_breaks()
    {
        Assert.Multiple(() =>
        {
            foreach (var (name, entry) in LoadedManifest.Value.Fixtures)
            {
                Assert.That(_spec.Components.Schemas.ContainsKey(entry.Schema.TrimEnd('[', ']')), Is.True, $"{name}: no schema {entry.Schema}");
                if (entry.Breaks is not null)
                {
                    Assert.That(entry.NotJson || entry.InvalidAt is { Count: > 0 }, Is.True, $"{name}: breaks the contract but says neither notJson nor invalidAt");
                }
            }
        });
    }

    [TestCaseSource(nameof(ConformingFixtures))]
    public void Fixture_conforms_to_its_schema(string name)
    {
        var entry = LoadedManifest.Value.Fixtures[name];
        var json = ParseFixture(name);
        var schema = SchemaFor(entry.Schema);

        var errors = Leaves(schema.Validate(json, SchemaType.OpenApi3)).ToList();
        var undescribed = UndescribedMembers(json, schema, "#").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(errors.Select(Describe), Is.Empty, $"{name} does not conform to {entry.Schema}");
            Assert.That(undescribed, Is.EquivalentTo(entry.UnknownMembers ?? []),
                $"{name} carries members {entry.Schema} does not describe (drift, or list them under unknownMembers)");
        });
    }

    [TestCaseSource(nameof(BreakingFixtures))]
    public void Fixture_that_breaks_the_contract_breaks_it_exactly_where_declared(string name)
    {
        var entry = LoadedManifest.Value.Fixtures[name];
        var text = File.ReadAllText(Path.Combine(FixturesDirectory, name));
        if (entry.NotJson)
        {
            Assert.That(() => JToken.Parse(text), Throws.InstanceOf<JsonReaderException>(), $"{name} is declared not JSON but parses");
            return;
        }

        var errors = Leaves(SchemaFor(entry.Schema).Validate(JToken.Parse(text), SchemaType.OpenApi3)).ToList();

        Assert.That(errors.Select(e => e.Path).Distinct(), Is.EquivalentTo(entry.InvalidAt!),
            $"{name} breaks {entry.Schema} elsewhere than declared: {string.Join("; ", errors.Select(Describe))}");
    }

    [Test]
    public void The_check_rejects_a_fixture_that_drifts()
    {
        var schema = SchemaFor("User");
        var renamed = (JObject)ParseFixture("user.json");
        renamed["two_factor"] = renamed["two_fa"];
        renamed.Remove("two_fa");
        var retyped = (JObject)ParseFixture("user.json");
        retyped["client"] = "200001";
        var missing = (JObject)ParseFixture("user.json");
        missing.Remove("phone");

        Assert.Multiple(() =>
        {
            Assert.That(UndescribedMembers(renamed, schema, "#"), Is.EqualTo(new[] { "#/two_factor" }));
            Assert.That(Leaves(schema.Validate(retyped, SchemaType.OpenApi3)).Select(e => e.Path), Is.EqualTo(new[] { "#/client" }));
            Assert.That(Leaves(schema.Validate(missing, SchemaType.OpenApi3)).Select(e => e.Path), Is.EqualTo(new[] { "#/phone" }));
        });
    }

    private static JToken ParseFixture(string name)
    {
        using var reader = new JsonTextReader(new StringReader(FixtureManifest.Text(name)))
        {
            DateParseHandling = DateParseHandling.None,
        };
        return JToken.ReadFrom(reader);
    }

    private static JsonSchema SchemaFor(string name)
    {
        if (name.EndsWith("[]", StringComparison.Ordinal))
        {
            return new JsonSchema { Type = JsonObjectType.Array, Item = SchemaFor(name[..^2]) };
        }

        return _spec.Components.Schemas[name];
    }

    /// <summary>The innermost errors, with their own paths (errors inside oneOf/allOf branches are nested).</summary>
    private static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Values.Any(e => e.Count > 0))
            {
                foreach (var inner in Leaves(child.Errors.Values.SelectMany(e => e)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string Describe(ValidationError e) => $"{e.Path}: {e.Kind}";

    /// <summary>
    /// Members the schema does not describe. OpenAPI allows them (and the client keeps them), so the
    /// validator passes them; a fixture with one the manifest does not list has drifted (a typo, a renamed field).
    /// </summary>
    private static IEnumerable<string> UndescribedMembers(JToken token, JsonSchema schema, string path)
    {
        schema = schema.ActualSchema;
        if (schema.OneOf.Count > 0)
        {
            // The branch the token matches; when none does, the validation errors already say why.
            var branch = schema.OneOf.FirstOrDefault(s => s.ActualSchema.Validate(token, SchemaType.OpenApi3).Count == 0);
            if (branch is null)
            {
                yield break;
            }

            foreach (var member in UndescribedMembers(token, branch, path))
            {
                yield return member;
            }

            yield break;
        }

        if (token is JArray array && schema.Item is { } item)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var member in UndescribedMembers(array[i], item, $"{path}[{i}]"))
                {
                    yield return member;
                }
            }
        }
        else if (token is JObject obj)
        {
            var properties = PropertiesOf(schema);
            foreach (var property in obj.Properties())
            {
                var childPath = path == "#" ? $"#/{property.Name}" : $"{path}.{property.Name}";
                var childSchema = properties.TryGetValue(property.Name, out var p) ? p : schema.AdditionalPropertiesSchema;
                if (childSchema is null)
                {
                    yield return childPath;
                    continue;
                }

                foreach (var member in UndescribedMembers(property.Value, childSchema, childPath))
                {
                    yield return member;
                }
            }
        }
    }

    private static Dictionary<string, JsonSchema> PropertiesOf(JsonSchema schema)
    {
        var properties = schema.Properties.ToDictionary(p => p.Key, p => (JsonSchema)p.Value);
        foreach (var part in schema.AllOf)
        {
            foreach (var (key, value) in PropertiesOf(part.ActualSchema))
            {
                properties[key] = value;
            }
        }

        return properties;
    }
}
