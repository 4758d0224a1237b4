using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Tests;

/// <summary>
/// Which spec schema each fixture stands for, and how a deliberately broken one breaks. A fixture named after
/// its schema (<c>api-token.json</c> for <c>ApiToken</c>, <c>request-api-token-create.json</c> for the request
/// body <c>ApiTokenCreate</c>) stands for that schema without an entry. A schema with an <c>example</c> (written by
/// the overlay, <c>openapi/descriptions.overlay.yaml</c>) has that fixture without a file: <c>email-change-result.json</c>
/// is <c>EmailChangeResult</c>'s example, <c>request-email-change.json</c> <c>EmailChange</c>'s (<see cref="Text"/>).
/// fixtures.manifest.json lists the others (several fixtures of one schema, an array of it, a broken one, unknown members).
/// </summary>
internal sealed class FixtureManifest
{
    private static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static FixtureManifest Load()
    {
        var manifest = JsonConvert.DeserializeObject<FixtureManifest>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures.manifest.json")))!;
        var schemas = Operation.Spec.Components.Schemas;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(Path.GetFileName).OfType<string>())
        {
            if (!manifest.Fixtures.ContainsKey(file) && SchemaNamed(file) is { } schema && schemas.ContainsKey(schema))
            {
                manifest.Fixtures[file] = new ManifestEntry { Schema = schema };
            }
        }

        var bodies = Operation.Spec.Paths.SelectMany(p => p.Value.Values)
            .Select(o => o.RequestBody?.ActualRequestBody.Content.Values.FirstOrDefault()?.Schema?.ActualSchema).OfType<NJsonSchema.JsonSchema>().ToHashSet();
        foreach (var (name, schema) in schemas.Where(s => s.Value.Example is not null))
        {
            var file = (bodies.Contains(schema) ? "request-" : "") + FileNamed(name);
            manifest.Fixtures.TryAdd(file, new ManifestEntry { Schema = name, Example = !File.Exists(Path.Combine(Directory, file)) });
        }

        return manifest;
    }

    /// <summary>A fixture's JSON text: its file, or else the example of the schema its name stands for.</summary>
    public static string Text(string name)
    {
        var path = Path.Combine(Directory, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path);
        }

        return SchemaNamed(name) is { } schema && Operation.Spec.Components.Schemas.TryGetValue(schema, out var found) && found.Example is { } example
            ? JToken.FromObject(example).ToString()
            : throw new FileNotFoundException($"There is no fixture {name}: no file Fixtures/{name}, and the schema {SchemaNamed(name)} has no example (openapi/descriptions.overlay.yaml).", path);
    }

    /// <summary>The file name a schema's fixture has: <c>ApiTokenCreate</c> gives <c>api-token-create.json</c>.</summary>
    public static string FileNamed(string schema) =>
        System.Text.RegularExpressions.Regex.Replace(schema, "([a-z0-9])([A-Z])", "$1-$2").ToLowerInvariant() + ".json";

    /// <summary>The schema a fixture's name stands for: <c>request-api-token-create.json</c> and <c>api-token-create.json</c> give <c>ApiTokenCreate</c>.</summary>
    public static string? SchemaNamed(string file)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        stem = stem.StartsWith("request-", StringComparison.Ordinal) ? stem["request-".Length..] : stem;
        return stem.Length == 0 ? null : string.Concat(stem.Split('-').Select(w => w.Length == 0 ? "" : char.ToUpperInvariant(w[0]) + w[1..]));
    }

    [JsonProperty("fixtures", Required = Required.Always)]
    public Dictionary<string, ManifestEntry> Fixtures { get; set; } = [];
}

internal sealed class ManifestEntry
{
    [JsonProperty("schema", Required = Required.Always)]
    public string Schema { get; set; } = "";

    [JsonProperty("breaks")]
    public string? Breaks { get; set; }

    [JsonProperty("invalidAt")]
    public List<string>? InvalidAt { get; set; }

    [JsonProperty("notJson")]
    public bool NotJson { get; set; }

    [JsonProperty("strictRejects")]
    public bool StrictRejects { get; set; }

    /// <summary>The fixture is the schema's example in the spec (no file).</summary>
    [JsonIgnore]
    public bool Example { get; set; }

    [JsonProperty("unknownMembers")]
    public List<string>? UnknownMembers { get; set; }
}
