using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>The Newtonsoft.Json settings every generated client uses (applied once per client type).</summary>
internal static class GcoreIamJson
{
    private static readonly Lazy<JsonSerializer> Strict = new(() => JsonSerializer.Create(CreateClientSettings(strict: true)), isThreadSafe: true);

    /// <summary>The serializer for clients whose options ask for strict reading (required members enforced).</summary>
    public static JsonSerializer StrictSerializer => Strict.Value;

    /// <summary>
    /// Adjusts NSwag's default settings for a generated client: tolerant reading (see
    /// <see cref="GcoreIamContractResolver"/>), answers read through <see cref="WholeNumberJsonReader"/>
    /// (<see cref="JsonResponse"/>).
    /// </summary>
    public static void Configure(JsonSerializerSettings settings) =>
        Configure(settings, GcoreIamContractResolver.ClientTolerant);

    /// <summary>Settings for code outside the generated clients (the fake server, tests, tools), read with any reader.</summary>
    public static JsonSerializerSettings CreateSettings(bool strict = false)
    {
        var settings = new JsonSerializerSettings();
        Configure(settings, strict ? GcoreIamContractResolver.Strict : GcoreIamContractResolver.Tolerant);
        return settings;
    }

    private static JsonSerializerSettings CreateClientSettings(bool strict)
    {
        var settings = new JsonSerializerSettings();
        Configure(settings, strict ? GcoreIamContractResolver.ClientStrict : GcoreIamContractResolver.ClientTolerant);
        return settings;
    }

    private static void Configure(JsonSerializerSettings settings, GcoreIamContractResolver resolver)
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
        settings.ContractResolver = resolver;
        settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        settings.TypeNameHandling = TypeNameHandling.None;
    }
}
