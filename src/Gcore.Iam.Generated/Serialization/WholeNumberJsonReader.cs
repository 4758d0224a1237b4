using System.Globalization;
using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>
/// The reader the generated clients read answers with (<see cref="JsonResponse"/>): a
/// <see cref="JsonTextReader"/> whose <see cref="ReadAsInt32"/> also takes what
/// <see cref="WholeNumberConverter"/> takes: a whole-number float (<c>137.0</c>, <c>7e1</c>) or a
/// string holding a whole number (<c>"7"</c>, <c>"7.0"</c>). Newtonsoft reads an <c>int</c> member
/// through <see cref="ReadAsInt32"/> when its contract has no converter, in one allocation (the
/// boxed int); through a converter it takes two (the reader's boxed long, then the converter's
/// boxed int), about 100 KB for a page of 1,000 users. So the clients' contract resolvers
/// (<see cref="GcoreIamContractResolver.ClientTolerant"/>, <see cref="GcoreIamContractResolver.ClientStrict"/>)
/// put no converter on <c>int</c> and rely on this reader; everything else keeps the converter.
/// A plain integer takes Newtonsoft's own path unchanged; only a value it refuses is looked at again.
/// </summary>
internal sealed class WholeNumberJsonReader(TextReader reader) : JsonTextReader(reader)
{
    private const string InvalidIntegerStart = "Input string '";
    private const string InvalidIntegerEnd = "' is not a valid integer.";

    public override int? ReadAsInt32()
    {
        try
        {
            return base.ReadAsInt32();
        }
        catch (JsonReaderException e) when (TokenType is JsonToken.String or JsonToken.Undefined)
        {
            // Newtonsoft refused a string that is not an Int32 (TokenType String, Value the string),
            // or a number token that is not (TokenType Undefined, the reader already past the number,
            // the text in the message). Either may still be a whole number in range.
            var fromString = TokenType == JsonToken.String;
            var text = fromString ? Value as string : NumberText(e.Message);
            if (text is null)
            {
                throw;
            }

            var styles = fromString ? NumberStyles.Integer | NumberStyles.AllowDecimalPoint : NumberStyles.Float;
            if (!decimal.TryParse(text, styles, CultureInfo.InvariantCulture, out var number))
            {
                throw new JsonSerializationException(
                    $"The value at '{Path}' {(fromString ? "is not a number" : "is out of range")} for a 32-bit integer.", Path, 0, 0, e);
            }

            if (number != decimal.Truncate(number))
            {
                throw new NotWholeNumberException(Path, number, 32, e);
            }

            if (number is < int.MinValue or > int.MaxValue)
            {
                throw new JsonSerializationException($"The value at '{Path}' is out of range for a 32-bit integer.", Path, 0, 0, e);
            }

            var value = (int)number;
            SetToken(JsonToken.Integer, value, updateIndex: false);
            return value;
        }
    }

    /// <summary>The number text in Newtonsoft's "Input string '137.0' is not a valid integer." message, or null.</summary>
    private static string? NumberText(string message)
    {
        if (!message.StartsWith(InvalidIntegerStart, StringComparison.Ordinal))
        {
            return null;
        }

        var end = message.IndexOf(InvalidIntegerEnd, InvalidIntegerStart.Length, StringComparison.Ordinal);
        return end < 0 ? null : message[InvalidIntegerStart.Length..end];
    }
}
