using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Gcore.Iam.Cli.Tests.Answers;

/// <summary>
/// Makes random JSON that conforms to a schema, leaning on the edges on purpose: ids of 0, negative
/// and <see cref="int.MaxValue"/>, empty strings and lists, nulls where nullable, every enum value in
/// turn, fractions where the schema says <c>number</c>, long and non-ASCII text, control characters,
/// optional members left out. The seed decides everything, so a seed replays its answers exactly;
/// its remainder by four picks a style: bare (every optional member absent, every list empty,
/// every nullable null), full (every member present, extreme values), or two mixes.
/// </summary>
internal sealed class AnswerGenerator(int seed)
{
    private static readonly int[] EdgeIntegers = [0, -1, 1, int.MaxValue, int.MinValue, 7, 200001];

    private static readonly double[] EdgeNumbers = [0, -1, 2.5, -0.5, 1e-3, 137.0, 2147483647.0];

    private static readonly string[] EdgeStrings =
    [
        "",
        "a",
        "Zoë Åström 日本語 ✓ 🙂",
        "line one\nline two\r\tand a bell \u0007",
        "\"quoted\", with, commas",
        "  spaced  ",
        "e\u0301\u200Bzero-width",
        "Ωμέγα",
    ];

    private static readonly string[] EdgeDateTimes =
    [
        "2026-05-06T07:08:09Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "2026-05-06T07:08:09.123+05:30", "1970-01-01T00:00:00Z",
    ];

    private static readonly string[] EdgeEmails = ["a@example.com", "zoë@exämple.com", "very.long.name+tag@sub.example.co.uk"];

    private readonly Random _random = new(seed);
    private readonly Dictionary<JsonSchema, int> _enumTurns = [];

    /// <summary>The style of this seed: 0 bare, 1 full, 2 and 3 mixed.</summary>
    public int Style => seed % 4;

    /// <summary>An answer for <paramref name="schema"/>.</summary>
    public JToken Generate(JsonSchema schema) => Value(schema, 0);

    /// <summary>An id for a path: an edge value most of the time.</summary>
    public int Id() => Pick(EdgeIntegers);

    private JToken Value(JsonSchema schema, int depth)
    {
        if (schema.OneOf.Count > 0)
        {
            return Value(Pick(schema.OneOf.ToArray()), depth);
        }

        if (schema.AnyOf.Count > 0)
        {
            var choices = schema.AnyOf.Where(s => s.ActualSchema.Type != JsonObjectType.Null).ToArray();
            return choices.Length == 0 ? JValue.CreateNull() : Value(Pick(choices), depth);
        }

        var actual = schema.ActualSchema;
        if (actual.AllOf.Count > 0 && actual.ActualProperties.Count == 0 && !actual.Type.HasFlag(JsonObjectType.Object)
            && actual.AllOf.Where(p => !IsEmpty(p)).ToList() is [var only])
        {
            // allOf of a description and one schema (Gcore's way of describing a $ref): that schema.
            return Value(only, depth);
        }
        if (!ReferenceEquals(actual, schema) && (actual.OneOf.Count > 0 || actual.AnyOf.Count > 0))
        {
            return Value(actual, depth);
        }

        if ((schema.IsNullable(SchemaType.OpenApi3) || actual.IsNullable(SchemaType.OpenApi3)) && Chance(Style switch { 0 => 1, 1 => 0, _ => 0.25 }))
        {
            return JValue.CreateNull();
        }

        if (actual.Enumeration.Count > 0)
        {
            var values = actual.Enumeration.Where(v => v is not null).ToArray();
            _enumTurns.TryGetValue(actual, out var turn);
            _enumTurns[actual] = turn + 1;
            return JToken.FromObject(values[(turn + seed) % values.Length]!);
        }

        if (actual.AllOf.Count > 0 || actual.ActualProperties.Count > 0 || actual.Type.HasFlag(JsonObjectType.Object) || actual.AdditionalPropertiesSchema is not null)
        {
            if (!actual.Type.HasFlag(JsonObjectType.Array))
            {
                return Object(actual, depth);
            }
        }

        var type = actual.Type & ~JsonObjectType.Null;
        return type switch
        {
            _ when type.HasFlag(JsonObjectType.Array) => Array(actual, depth),
            _ when type.HasFlag(JsonObjectType.Integer) => new JValue(Integer(actual)),
            _ when type.HasFlag(JsonObjectType.Number) => new JValue(Number()),
            _ when type.HasFlag(JsonObjectType.Boolean) => new JValue(Chance(0.5)),
            _ when type.HasFlag(JsonObjectType.String) => new JValue(Text(actual)),
            _ => Anything(depth),
        };
    }

    private JObject Object(JsonSchema schema, int depth)
    {
        var result = new JObject();
        foreach (var part in schema.AllOf)
        {
            if (Value(part, depth) is JObject partValue)
            {
                result.Merge(partValue);
            }
        }

        var required = schema.RequiredProperties.ToHashSet(StringComparer.Ordinal);
        foreach (var (name, property) in schema.ActualProperties)
        {
            var present = required.Contains(name) || property.IsRequired || Style switch { 0 => false, 1 => true, _ => Chance(0.7) };
            if (present && depth < 6)
            {
                result[name] = Value(property, depth + 1);
            }
        }

        if (schema.AdditionalPropertiesSchema is { } values && depth < 6)
        {
            var count = Style switch { 0 => 0, 1 => 3, _ => _random.Next(0, 3) };
            for (var i = 0; i < count; i++)
            {
                result[Pick(["CDN", "cloud", "ñame", "", "DNS", "a b"]) + (i == 0 ? "" : i.ToString(CultureInfo.InvariantCulture))] = Value(values, depth + 1);
            }
        }

        return result;
    }

    private JArray Array(JsonSchema schema, int depth)
    {
        var count = Style switch { 0 => 0, 1 => 3, _ => _random.Next(0, 4) };
        count = Math.Max(count, schema.MinItems);
        var array = new JArray();
        for (var i = 0; i < count && depth < 6; i++)
        {
            array.Add(schema.Item is { } item ? Value(item, depth + 1) : Anything(depth + 1));
        }

        return array;
    }

    private long Integer(JsonSchema schema)
    {
        long value = Style switch { 0 => 0, 1 => Pick([int.MaxValue, -1, int.MinValue]), _ => Chance(0.7) ? Pick(EdgeIntegers) : _random.Next(-1000, 100000) };
        if (schema.Minimum is { } min && value < min)
        {
            value = (long)min;
        }

        if (schema.Maximum is { } max && value > max)
        {
            value = (long)max;
        }

        return value;
    }

    private double Number() => Style switch { 0 => 0, 1 => Pick([2.5, -0.5, 1e-3]), _ => Pick(EdgeNumbers) };

    private string Text(JsonSchema schema) => schema.Format switch
    {
        "date-time" => Pick(EdgeDateTimes),
        "date" => Pick(["2026-01-31", "0001-01-01", "9999-12-31"]),
        "email" => Pick(EdgeEmails),
        "uri" or "url" => Pick(["https://api.gcore.com/iam/users?limit=5&offset=5", "http://127.0.0.1/x?é=1"]),
        _ => Style switch
        {
            0 => "",
            1 => Pick([new string('x', 5000), string.Concat(Enumerable.Repeat("日本語🙂", 700)), EdgeStrings[3]]),
            _ => Chance(0.1) ? new string('w', _random.Next(200, 3000)) : Pick(EdgeStrings),
        },
    };

    private JToken Anything(int depth) => _random.Next(6) switch
    {
        0 => JValue.CreateNull(),
        1 => new JValue(Pick(EdgeStrings)),
        2 => new JValue(Pick(EdgeIntegers)),
        3 => new JValue(2.5),
        4 when depth < 4 => new JObject { ["any"] = Anything(depth + 1) },
        _ => new JArray(),
    };

    private static bool IsEmpty(JsonSchema part) =>
        part.Reference is null && part.Type == JsonObjectType.None && part.ActualProperties.Count == 0 && part.Enumeration.Count == 0
        && part.AllOf.Count == 0 && part.OneOf.Count == 0 && part.AnyOf.Count == 0 && part.Item is null;

    private bool Chance(double p) => _random.NextDouble() < p;

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
