using Newtonsoft.Json;

namespace Gcore.Iam.Tests;

/// <summary>fixtures.manifest.json: which spec schema each fixture file stands for, and how a deliberately broken one breaks.</summary>
internal sealed class FixtureManifest
{
    public static FixtureManifest Load() =>
        JsonConvert.DeserializeObject<FixtureManifest>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures.manifest.json")))!;

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
