using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Gcore.Iam.Testing.Spec;

/// <summary>
/// Reads an answer strictly against its operation in the spec and names every deviation by JSON
/// pointer (<see cref="GcoreIamSpecCheck.CheckResponse"/>, <c>gcore-iam verify</c>). Stricter than the
/// client, which tolerates most of these: the point is to see where the live API and the spec part.
/// </summary>
internal static class ResponseCheck
{
    private static readonly JsonSerializerSettings BodySettings = new()
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        MaxDepth = 64,
    };

    public static IReadOnlyList<GcoreIamSpecDeviation> Check(SpecOperation operation, int status, string? body)
    {
        var found = new List<GcoreIamSpecDeviation>();
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(code, out var schema))
        {
            found.Add(new(operation.Id, "", GcoreIamDeviationKind.OtherStatus, "one of " + string.Join(", ", operation.Responses.Keys.Order(StringComparer.Ordinal)), code));
            return found;
        }

        if (status is < 200 or > 299)
        {
            return found;
        }

        var empty = string.IsNullOrWhiteSpace(body);
        if (schema is null || empty)
        {
            if (schema is null != empty)
            {
                found.Add(new(operation.Id, "", GcoreIamDeviationKind.OtherShape, schema is null ? "no body" : Describe(schema), empty ? "no body" : "a body"));
            }

            return found;
        }

        JToken? token;
        try
        {
            token = JsonConvert.DeserializeObject<JToken>(body!, BodySettings);
        }
        catch (JsonException)
        {
            found.Add(new(operation.Id, "", GcoreIamDeviationKind.OtherShape, Describe(schema), "a body that is not JSON"));
            return found;
        }

        new Walker(operation.Id, found).Walk(schema, token ?? JValue.CreateNull(), "");
        return found;
    }

    /// <summary>A schema in a few words: its name, or its type (<c>integer</c>, <c>array of User</c>).</summary>
    internal static string Describe(JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        if (FakeSpec.Current.SchemaName(actual) is { } name)
        {
            return name;
        }

        var branches = Branches(actual);
        if (branches.Count > 0)
        {
            return "one of " + string.Join(", ", branches.Select(Describe));
        }

        var type = TypeOf(actual);
        return type switch
        {
            JsonObjectType.Array => "array of " + (actual.Item is { } item ? Describe(item) : "anything"),
            JsonObjectType.None => "anything",
            _ => type.ToString().ToLowerInvariant(),
        };
    }

    /// <summary>The answer's kind of value in a word, without a string's text (it may be a secret).</summary>
    internal static string Seen(JToken token) => token.Type switch
    {
        JTokenType.Object => "object",
        JTokenType.Array => "array",
        JTokenType.String => "string",
        JTokenType.Integer or JTokenType.Float => "number " + token.ToString(Formatting.None),
        JTokenType.Boolean => token.ToString(Formatting.None),
        JTokenType.Null => "null",
        _ => token.Type.ToString().ToLowerInvariant(),
    };

    internal static List<JsonSchema> Branches(JsonSchema schema) => [.. schema.OneOf, .. schema.AnyOf];

    /// <summary>The schema's JSON type, with <c>null</c> taken off (nullability is read separately); an object when it only lists members.</summary>
    internal static JsonObjectType TypeOf(JsonSchema schema)
    {
        var type = schema.Type & ~JsonObjectType.Null;
        if (type == JsonObjectType.None && (schema.Properties.Count > 0 || schema.AllOf.Count > 0))
        {
            return JsonObjectType.Object;
        }

        return type;
    }

    /// <summary>The members of an object schema, its <c>allOf</c> parts' included, and which are required.</summary>
    internal static (Dictionary<string, JsonSchemaProperty> Members, HashSet<string> Required, JsonSchema? Additional) MembersOf(JsonSchema schema)
    {
        var members = new Dictionary<string, JsonSchemaProperty>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        JsonSchema? additional = null;
        Collect(schema.ActualSchema);
        return (members, required, additional);

        void Collect(JsonSchema part)
        {
            foreach (var (name, property) in part.Properties)
            {
                members[name] = property;
                if (property.IsRequired)
                {
                    required.Add(name);
                }
            }

            foreach (var name in part.RequiredProperties)
            {
                required.Add(name);
            }

            additional ??= part.AdditionalPropertiesSchema;
            foreach (var inner in part.AllOf)
            {
                Collect(inner.ActualSchema);
            }
        }
    }

    internal static bool IsNullable(JsonSchema schema) =>
        schema.IsNullable(SchemaType.OpenApi3) || schema.ActualSchema.IsNullable(SchemaType.OpenApi3);

    /// <summary>Whether a value's JSON kind is the one the schema's type needs (numbers of either kind count as numbers).</summary>
    private static bool KindFits(JsonSchema schema, JToken token) => TypeOf(schema.ActualSchema) switch
    {
        JsonObjectType.Object => token.Type == JTokenType.Object,
        JsonObjectType.Array => token.Type == JTokenType.Array,
        JsonObjectType.String => token.Type == JTokenType.String,
        JsonObjectType.Integer or JsonObjectType.Number => token.Type is JTokenType.Integer or JTokenType.Float,
        JsonObjectType.Boolean => token.Type == JTokenType.Boolean,
        _ => true,
    };

    private sealed class Walker(string operation, List<GcoreIamSpecDeviation> found)
    {
        public void Walk(JsonSchema schema, JToken token, string pointer)
        {
            var actual = schema.ActualSchema;
            if (token.Type == JTokenType.Null)
            {
                var anything = TypeOf(actual) == JsonObjectType.None && Branches(actual).Count == 0;
                if (!IsNullable(schema) && !anything)
                {
                    Add(pointer, GcoreIamDeviationKind.NullNotNullable, Describe(schema), "null");
                }

                return;
            }

            var branches = Branches(actual);
            if (branches.Count > 0)
            {
                WalkBranches(schema, branches, token, pointer);
                return;
            }

            var type = TypeOf(actual);
            if (!KindFits(actual, token))
            {
                var container = type is JsonObjectType.Object or JsonObjectType.Array || token.Type is JTokenType.Object or JTokenType.Array;
                Add(pointer, pointer.Length == 0 && container ? GcoreIamDeviationKind.OtherShape : GcoreIamDeviationKind.WrongType, Describe(schema), Seen(token));
                return;
            }

            switch (token)
            {
                case JObject obj when type == JsonObjectType.Object:
                    WalkObject(actual, obj, pointer);
                    return;
                case JArray array when type == JsonObjectType.Array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (actual.Item is { } item)
                        {
                            Walk(item, array[i], pointer + "/" + i.ToString(CultureInfo.InvariantCulture));
                        }
                    }

                    return;
            }

            if (type == JsonObjectType.Integer && token.Type == JTokenType.Float)
            {
                var value = token.Value<decimal>();
                Add(pointer, value == decimal.Truncate(value) ? GcoreIamDeviationKind.WholeNumberAsFloat : GcoreIamDeviationKind.WrongType, "integer", Seen(token));
                return;
            }

            if (actual.Enumeration.Count > 0 && !actual.Enumeration.Any(e => e is not null && JToken.DeepEquals(JToken.FromObject(e), token)))
            {
                Add(pointer, GcoreIamDeviationKind.UnknownEnumValue, "one of " + string.Join(", ", actual.Enumeration.Where(e => e is not null)), token.ToString(Formatting.None));
            }
        }

        private void WalkBranches(JsonSchema schema, List<JsonSchema> branches, JToken token, string pointer)
        {
            var fitting = branches.Where(b => KindFits(b, token)).ToList();
            if (fitting.Count == 0)
            {
                Add(pointer, pointer.Length == 0 ? GcoreIamDeviationKind.OtherShape : GcoreIamDeviationKind.WrongType, Describe(schema), Seen(token));
                return;
            }

            // The branch that comes closest (fewest deviations) is the one the answer meant.
            var best = fitting.Select(b =>
            {
                var inner = new List<GcoreIamSpecDeviation>();
                new Walker(operation, inner).Walk(b, token, pointer);
                return inner;
            }).MinBy(d => d.Count)!;
            found.AddRange(best);
        }

        private void WalkObject(JsonSchema schema, JObject obj, string pointer)
        {
            var (members, required, additional) = MembersOf(schema);
            foreach (var name in required.Order(StringComparer.Ordinal).Where(n => !obj.ContainsKey(n)))
            {
                Add(pointer + "/" + Escape(name), GcoreIamDeviationKind.MemberAbsent, Describe(members.TryGetValue(name, out var m) ? m : new JsonSchema()), "absent");
            }

            foreach (var property in obj.Properties())
            {
                var at = pointer + "/" + Escape(property.Name);
                if (members.TryGetValue(property.Name, out var member))
                {
                    Walk(member, property.Value, at);
                }
                else if (additional is not null)
                {
                    Walk(additional, property.Value, at);
                }
                else if (members.Count > 0)
                {
                    Add(at, GcoreIamDeviationKind.MemberExtra, "no such member", Seen(property.Value));
                }
            }
        }

        private void Add(string pointer, GcoreIamDeviationKind kind, string expected, string seen) =>
            found.Add(new(operation, pointer, kind, expected, seen));

        private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");
    }
}
