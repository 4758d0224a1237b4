using Newtonsoft.Json;

namespace Gcore.Iam.Tests;

/// <summary>
/// Which spec schema each fixture file stands for, and how a deliberately broken one breaks. A fixture
/// named after its schema (<c>email-change-result.json</c> for <c>EmailChangeResult</c>, <c>request-email-change.json</c>
/// for the request body <c>EmailChange</c>) stands for that schema without an entry; fixtures.manifest.json
/// lists the others (several fixtures of one schema, an array of it, a broken one, unknown members).
/// </summary>
internal sealed class FixtureManifest
{
    public static FixtureManifest Load()
    {
        var manifest = JsonConvert.DeserializeObject<FixtureManifest>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures.manifest.json")))!;
        var schemas = Operation.Spec.Components.Schemas;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Select(Path.GetFileName).OfType<string>())
        {
            if (!manifest.Fixtures.ContainsKey(file) && SchemaNamed(file) is { } schema && schemas.ContainsKey(schema))
            {
                manifest.Fixtures[file] = new ManifestEntry { Schema = schema };
            }
        }

        return manifest;
    }

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

    [JsonProperty("unknownMembers")]
    public List<string>? UnknownMembers { get; set; }
}
