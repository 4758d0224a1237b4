using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>Reads both shapes of the user list into a <see cref="UserPage"/>; writes the envelope.</summary>
internal sealed class UserPageJsonConverter : JsonConverter
{
    public override bool CanConvert(Type objectType) => objectType == typeof(UserPage);

    // Writing uses the ordinary contract (the envelope).
    public override bool CanWrite => false;

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return null;
            case JsonToken.StartArray:
                var users = serializer.Deserialize<List<User>>(reader) ?? [];
                return new UserPage { Count = users.Count, Results = users, IsUnpaged = true };
            case JsonToken.StartObject:
                var page = new UserPage();
                // Populate uses the class contract, not this converter: the serializer's reading rules apply.
                serializer.Populate(reader, page);
                return page;
            default:
                throw new JsonSerializationException(
                    $"Expected a users page (object) or a list of users (array), got {reader.TokenType}.", reader.Path, 0, 0, null);
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) =>
        throw new NotSupportedException();
}
