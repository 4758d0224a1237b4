using System.Globalization;
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
    FakeSession? Session,
    string? UserAgent,
    GcoreIamFakeServer Server)
{
    /// <summary>The time of the request by the server's clock.</summary>
    public DateTimeOffset Now { get; } = Server.TimeProvider.GetUtcNow();

    /// <summary><see cref="Now"/> as Gcore writes a time (RFC 3339, whole seconds, UTC).</summary>
    public string Timestamp => FakeJson.Timestamp(Now);

    /// <summary>The path or query parameter <paramref name="name"/> as the spec types it; default when the request lacks it.</summary>
    public T? Arg<T>(string name) =>
        (PathValues.TryGetValue(name, out var text) || Query.TryGetValue(name, out text)) && Operation.Parameters.FirstOrDefault(p => p.Name == name) is { } parameter
            ? RequestCheck.Coerce(text, parameter.ActualSchema).ToObject<T>(FakeJson.Serializer)
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
        where T : class => Body?.ToObject<T>(FakeJson.Serializer);
}

/// <summary>
/// The fake's JSON: the library's one set of settings (<c>GcoreIamJson</c>), strict, as a server reads:
/// the generated models' own attributes decide the shapes, and a required member must be there (a seed
/// without one is refused).
/// </summary>
internal static class FakeJson
{
    public static readonly JsonSerializerSettings Settings = Gcore.Iam.Serialization.GcoreIamJson.CreateSettings(strict: true);

    /// <summary>A serializer with <see cref="Settings"/> (thread-safe for reading and writing).</summary>
    public static readonly JsonSerializer Serializer = JsonSerializer.Create(Settings);

    public static string Serialize(object value) => JsonConvert.SerializeObject(value, Settings);

    /// <summary>A time as Gcore writes one: RFC 3339, whole seconds, UTC.</summary>
    public static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static T Clone<T>(T value)
        where T : class => Convert<T>(value);

    /// <summary><paramref name="value"/> read as a <typeparamref name="T"/> by the JSON names both share.</summary>
    public static T Convert<T>(object value)
        where T : class =>
        JsonConvert.DeserializeObject<T>(Serialize(value), Settings) ?? throw new InvalidOperationException($"Could not copy a {typeof(T).Name}.");
}
