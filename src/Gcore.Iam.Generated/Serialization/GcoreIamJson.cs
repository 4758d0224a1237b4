using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>
/// THE JSON settings of this project: every generated client (applied once per client type), the
/// error-body reader (<see cref="CreateReader"/>), the fake server (its answers and its reading of
/// request bodies) and the tests read and write JSON by these rules and no others.
/// </summary>
internal static class GcoreIamJson
{
    /// <summary>A hostile or broken body cannot nest deeper than this (answers, error bodies, the fake's requests).</summary>
    public const int MaxDepth = 64;

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

    /// <summary>A reader of a JSON text by the same rules (for code that reads a <see cref="Newtonsoft.Json.Linq.JToken"/> itself: error bodies).</summary>
    public static JsonTextReader CreateReader(TextReader text) => new(text)
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        MaxDepth = MaxDepth,
    };

    private static void Configure(JsonSerializerSettings settings, GcoreIamContractResolver resolver)
    {
        // Strings that look like dates stay strings: unknown members kept in AdditionalProperties
        // must be written back exactly as they came.
        settings.DateParseHandling = DateParseHandling.None;
        // Numbers in unknown members keep their precision.
        settings.FloatParseHandling = FloatParseHandling.Decimal;
        settings.MaxDepth = MaxDepth;
        // Trailing text after the JSON value is a broken body, not something to ignore.
        settings.CheckAdditionalContent = true;
        settings.ContractResolver = resolver;
        settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        settings.TypeNameHandling = TypeNameHandling.None;
    }
}
