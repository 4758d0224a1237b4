using Gcore.Iam.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Tests;

/// <summary>
/// A model read from a fixture and written back is the JSON that was read: unknown members, unknown
/// enum values, explicit nulls and absent members all survive, so a caller who stores or forwards
/// a model loses nothing.
/// </summary>
[TestFixture]
public class ModelRoundTripTests
{
    private static readonly Lazy<FixtureManifest> Manifest = new(FixtureManifest.Load);

    public static IEnumerable<string> JsonFixtures =>
        Manifest.Value.Fixtures
            .Where(f => !f.Value.NotJson && !f.Value.StrictRejects)
            .Select(f => f.Key);

    public static IEnumerable<string> RejectedFixtures =>
        Manifest.Value.Fixtures.Where(f => f.Value.StrictRejects).Select(f => f.Key);

    [TestCaseSource(nameof(JsonFixtures))]
    public void A_model_written_back_is_the_JSON_that_was_read(string name)
    {
        var entry = Manifest.Value.Fixtures[name];
        var json = Parse(FixtureManifest.Text(name));
        var type = ModelType(entry.Schema);
        var settings = GcoreIamJson.CreateSettings();

        var model = JsonConvert.DeserializeObject(json.ToString(Formatting.None), type, settings);
        var written = Parse(JsonConvert.SerializeObject(model, settings));

        // The bare-array form of the user list is read into a page and written as the envelope.
        var actual = json is JArray && type == typeof(UserPage) ? written["results"]! : written;
        Assert.That(JToken.DeepEquals(actual, json), Is.True,
            $"{name} as {type.Name}:{Environment.NewLine}read:    {json.ToString(Formatting.None)}{Environment.NewLine}written: {actual.ToString(Formatting.None)}");
    }

    [TestCaseSource(nameof(RejectedFixtures))]
    public void A_fixture_a_strict_client_must_reject_fails_to_read_strictly_and_reads_by_default(string name)
    {
        var entry = Manifest.Value.Fixtures[name];
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

        Assert.Multiple(() =>
        {
            Assert.That(() => JsonConvert.DeserializeObject(text, ModelType(entry.Schema), GcoreIamJson.CreateSettings(strict: true)),
                Throws.InstanceOf<JsonSerializationException>());
            Assert.That(JsonConvert.DeserializeObject(text, ModelType(entry.Schema), GcoreIamJson.CreateSettings()), Is.Not.Null);
        });
    }

    private static Type ModelType(string schema) =>
        schema.EndsWith("[]", StringComparison.Ordinal)
            ? typeof(List<>).MakeGenericType(ModelType(schema[..^2]))
            : typeof(User).Assembly.GetType("Gcore.Iam." + schema, throwOnError: true)!;

    private static JToken Parse(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        return JToken.ReadFrom(reader);
    }
}
