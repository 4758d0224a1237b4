using Gcore.Iam.Testing.Spec;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>
/// One request as a state handler sees it: already matched to its operation and checked against the
/// spec (path values, query parameters and the JSON body have the types and bounds the spec gives).
/// </summary>
internal sealed record FakeContext(
    SpecOperation Operation,
    IReadOnlyDictionary<string, string> PathValues,
    IReadOnlyDictionary<string, string> Query,
    JObject? Body,
    string RequestId,
    Uri BaseUrl,
    bool UnknownEnums,
    DateTimeOffset Now)
{
    /// <summary>The JWT session of a request sent with <c>Authorization: Bearer</c>; null for the API key.</summary>
    public FakeSession? Session { get; init; }

    /// <summary>The request's <c>User-Agent</c> (the activity log keeps it).</summary>
    public string? UserAgent { get; init; }

    /// <summary>How long an access token issued now lives.</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token issued now lives.</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The path or query parameter <paramref name="name"/> as the spec types it; default when the request lacks it.</summary>
    public T? Arg<T>(string name) =>
        (PathValues.TryGetValue(name, out var text) || Query.TryGetValue(name, out text)) && Operation.Parameters.FirstOrDefault(p => p.Name == name) is { } parameter
            ? RequestCheck.Coerce(text, parameter.ActualSchema).ToObject<T>(JsonSerializer.Create(FakeJson.Settings))
            : default;

    /// <summary>The success answer the spec gives the operation, with <paramref name="value"/> as its body (none for null).</summary>
    public FakeAnswer Ok(object? value = null) =>
        value is null ? new(Operation.EmptySuccessStatus, null) : new(Operation.SuccessStatus, FakeJson.Serialize(value));

    /// <summary>Sets the members of <paramref name="target"/> that the body carries and the operation's body schema names (a PATCH's writable members).</summary>
    public void ApplyBody(object target)
    {
        var serializer = JsonSerializer.Create(FakeJson.Settings);
        serializer.ObjectCreationHandling = ObjectCreationHandling.Replace;
        // Populated from the whole object, with the sent members merged in: the model's required members must be there.
        var merged = JObject.FromObject(target, serializer);
        merged.Merge(new JObject(Body!.Properties().Where(p => Operation.BodySchema!.ActualProperties.ContainsKey(p.Name))),
            new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace, MergeNullValueHandling = MergeNullValueHandling.Merge });
        using var reader = merged.CreateReader();
        serializer.Populate(reader, target);
    }

    /// <summary>The (checked) body as the generated model <typeparamref name="T"/>; null when there is none.</summary>
    public T? BodyAs<T>()
        where T : class => Body?.ToObject<T>(JsonSerializer.Create(FakeJson.Settings));
}

/// <summary>The serializer settings of the fake: the generated models' own attributes decide the shapes.</summary>
internal static class FakeJson
{
    public static readonly JsonSerializerSettings Settings = new()
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        MaxDepth = 64,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
        Formatting = Formatting.None,
    };

    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

    public static T Clone<T>(T value)
        where T : class => Convert<T>(value);

    /// <summary><paramref name="value"/> read as a <typeparamref name="T"/> by the JSON names both share.</summary>
    public static T Convert<T>(object value)
        where T : class =>
        JsonConvert.DeserializeObject<T>(Serialize(value), Settings) ?? throw new InvalidOperationException($"Could not copy a {typeof(T).Name}.");
}
