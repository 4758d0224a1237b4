using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>The Newtonsoft.Json settings every generated client uses (applied once per client type).</summary>
internal static class GcoreIamJson
{
    /// <summary>Adjusts NSwag's default settings.</summary>
    public static void Configure(JsonSerializerSettings settings)
    {
        // Strings that look like dates stay strings: unknown members kept in AdditionalProperties
        // must be written back exactly as they came.
        settings.DateParseHandling = DateParseHandling.None;
        // Numbers in unknown members keep their precision.
        settings.FloatParseHandling = FloatParseHandling.Decimal;
        // A hostile or broken body cannot nest deeper than this.
        settings.MaxDepth = 64;
        // Trailing text after the JSON value is a broken body, not something to ignore.
        settings.CheckAdditionalContent = true;
        settings.ContractResolver = GcoreIamContractResolver.Instance;
        settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        settings.TypeNameHandling = TypeNameHandling.None;
    }

    /// <summary>Settings for code outside the generated clients (the fake server, tests, tools).</summary>
    public static JsonSerializerSettings CreateSettings()
    {
        var settings = new JsonSerializerSettings();
        Configure(settings);
        return settings;
    }
}
