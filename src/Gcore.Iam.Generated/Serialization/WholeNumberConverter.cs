using System.Globalization;
using System.Numerics;
using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>
/// Reads an integer (<see cref="int"/>, <see cref="long"/>, nullable or not) from a JSON integer, a
/// whole-number float (<c>137.0</c>: Gcore's description typed <c>count</c> as <c>number</c> until
/// May 2026) or a string holding one (<c>"7"</c>). A fraction (<c>2.5</c>), a value out of range, or
/// any other JSON type is a malformed answer: a <see cref="JsonSerializationException"/>, which the
/// client reports as <see cref="GcoreIamInvalidResponseException"/>. Writes the integer as it is.
/// </summary>
internal sealed class WholeNumberConverter : JsonConverter
{
    public static readonly WholeNumberConverter Instance = new();

    public static bool Handles(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(int?) || type == typeof(long?);

    public override bool CanConvert(Type objectType) => Handles(objectType);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        var underlying = Nullable.GetUnderlyingType(objectType) ?? objectType;
        if (reader.TokenType == JsonToken.Integer && reader.Value is long integer)
        {
            // The common case, without the detour through decimal: a long is returned in the box the
            // reader made (one allocation per value instead of two); an int needs a box of its own.
            if (underlying == typeof(long))
            {
                return reader.Value;
            }

            return integer is >= int.MinValue and <= int.MaxValue ? (int)integer : throw Invalid(reader, underlying, "is out of range");
        }

        decimal? number = reader.TokenType switch
        {
            JsonToken.Integer => reader.Value switch
            {
                long l => l,
                BigInteger big when big >= (BigInteger)decimal.MinValue && big <= (BigInteger)decimal.MaxValue => (decimal)big,
                BigInteger => throw Invalid(reader, underlying, "is out of range"),
                var other => Convert.ToDecimal(other, CultureInfo.InvariantCulture),
            },
            JsonToken.Float => reader.Value switch
            {
                decimal d => d,
                double d when (double.IsNaN(d) || double.IsInfinity(d)) || Math.Abs(d) > (double)decimal.MaxValue => throw Invalid(reader, underlying, "is out of range"),
                var other => Convert.ToDecimal(other, CultureInfo.InvariantCulture),
            },
            JsonToken.String when decimal.TryParse((string)reader.Value!, NumberStyles.Integer | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonToken.String => throw Invalid(reader, underlying, "is not a number"),
            JsonToken.Null when underlying != objectType => null,
            _ => throw Invalid(reader, underlying, $"is a {reader.TokenType}, not a number"),
        };

        if (number is not { } value)
        {
            return null;
        }

        if (value != decimal.Truncate(value))
        {
            throw new NotWholeNumberException(reader.Path, value, underlying == typeof(int) ? 32 : 64);
        }

        if (underlying == typeof(int))
        {
            return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Invalid(reader, underlying, "is out of range");
        }

        return value is >= long.MinValue and <= long.MaxValue ? (long)value : throw Invalid(reader, underlying, "is out of range");
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => writer.WriteValue(value);

    private static JsonSerializationException Invalid(JsonReader reader, Type type, string why) =>
        new($"The value at '{reader.Path}' {why} for {(type == typeof(int) ? "a 32-bit" : "a 64-bit")} integer.", reader.Path, 0, 0, null);
}

/// <summary>A number with a fraction where the client reads an integer (named by the message of the invalid answer, <see cref="JsonResponse"/>).</summary>
internal sealed class NotWholeNumberException(string path, decimal value, int bits, Exception? inner = null)
    : JsonSerializationException(
        FormattableString.Invariant($"The value at '{path}' is {value}, not a whole number, where the client reads a {bits}-bit integer."),
        path, 0, 0, inner);
