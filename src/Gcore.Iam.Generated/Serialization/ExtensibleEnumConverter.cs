using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>
/// Reads and writes a generated enum struct as its JSON string. An unknown string is kept, never
/// an error: Gcore adds values over time. A JSON value that is not a string is a malformed
/// response and fails with a <see cref="JsonSerializationException"/>, which the client reports
/// as <see cref="GcoreIamInvalidResponseException"/>.
/// </summary>
/// <typeparam name="T">The enum struct.</typeparam>
internal sealed class ExtensibleEnumConverter<T> : JsonConverter
    where T : struct, IExtensibleEnum<T>
{
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.String:
                return default(T).FromValue((string)reader.Value!);
            case JsonToken.Null when objectType != typeof(T):
                return null;
            default:
                throw new JsonSerializationException(
                    $"Expected a string for {typeof(T).Name} at '{reader.Path}', got {reader.TokenType}.", reader.Path, 0, 0, null);
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is T known)
        {
            writer.WriteValue(known.Value);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
