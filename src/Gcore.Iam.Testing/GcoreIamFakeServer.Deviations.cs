using System.Globalization;
using Gcore.Iam.Testing.Spec;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Gcore.Iam.Testing;

/// <summary>
/// The switches that make the fake's success answers part from the spec the way the live API is
/// known to (a float for an integer, null for a string, 200 for 204, a bare array for a page), one
/// deviation in one place each, so that a test can see what its code, or <c>gcore-iam verify</c>,
/// makes of it.
/// </summary>
public sealed partial class GcoreIamFakeServer
{
    /// <summary>The name of the member <see cref="GcoreIamDeviationKind.MemberExtra"/> adds.</summary>
    public const string ExtraMemberName = "fake_unlisted_member";

    /// <summary>The value <see cref="GcoreIamDeviationKind.UnknownEnumValue"/> puts in an enum member.</summary>
    public const string UnknownEnumValue = "fake-unknown-value";

    private readonly List<(FakeOperation Operation, GcoreIamDeviationKind Kind)> _deviations = [];

    /// <summary>
    /// From now on (until <see cref="ClearDeviations"/> or <see cref="Reset"/>), every success answer
    /// of <paramref name="operation"/> parts from the spec by <paramref name="kind"/>, in one place:
    /// the answer's object (the first item of an array answer, the envelope of a page), at its first
    /// member by name that the deviation fits. <see cref="GcoreIamDeviationKind.MemberAbsent"/> drops
    /// the first required member; <see cref="GcoreIamDeviationKind.MemberExtra"/> adds
    /// <see cref="ExtraMemberName"/>; <see cref="GcoreIamDeviationKind.WrongType"/> writes a number for
    /// a string, or a string for a number or a boolean; <see cref="GcoreIamDeviationKind.WholeNumberAsFloat"/>
    /// writes an integer as <c>7.0</c>; <see cref="GcoreIamDeviationKind.UnknownEnumValue"/> writes
    /// <see cref="UnknownEnumValue"/> in an enum member; <see cref="GcoreIamDeviationKind.NullNotNullable"/>
    /// writes null in a member that may not be null; <see cref="GcoreIamDeviationKind.OtherStatus"/>
    /// answers the first of 200 to 204 the spec does not list (the body unchanged);
    /// <see cref="GcoreIamDeviationKind.OtherShape"/> wraps an object in an array, or an array in
    /// <c>{"results": [...]}</c>. An answer without a body or without a member that fits is sent as
    /// it is. The state changes as usual.
    /// </summary>
    /// <param name="operation">The operation whose answers deviate.</param>
    /// <param name="kind">How they deviate; several kinds may be set on one operation.</param>
    public void Deviate(FakeOperation operation, GcoreIamDeviationKind kind)
    {
        lock (_gate)
        {
            _deviations.Add((operation, kind));
        }
    }

    /// <summary>Turns every switch of <see cref="Deviate"/> off.</summary>
    public void ClearDeviations()
    {
        lock (_gate)
        {
            _deviations.Clear();
        }
    }

    /// <summary>The answer with the deviations set for its operation; the answer itself when none is.</summary>
    private FakeAnswer Deviating(SpecOperation? operation, FakeAnswer answer)
    {
        if (operation is null || answer.Status is < 200 or > 299)
        {
            return answer;
        }

        var kinds = Locked(() => _deviations.Where(d => d.Operation == operation.Operation).Select(d => d.Kind).ToList());
        foreach (var kind in kinds)
        {
            answer = Deviating(operation, answer, kind);
        }

        return answer;
    }

    private static FakeAnswer Deviating(SpecOperation operation, FakeAnswer answer, GcoreIamDeviationKind kind)
    {
        if (kind == GcoreIamDeviationKind.OtherStatus)
        {
            var other = Enumerable.Range(200, 5).First(s => !operation.Responses.ContainsKey(s.ToString(CultureInfo.InvariantCulture)));
            return answer with { Status = other };
        }

        if (answer.Body is null || !operation.Responses.TryGetValue(answer.Status.ToString(CultureInfo.InvariantCulture), out var schema) || schema is null)
        {
            return answer;
        }

        using var reader = new JsonTextReader(new StringReader(answer.Body)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
        var body = JToken.ReadFrom(reader);
        if (kind == GcoreIamDeviationKind.OtherShape)
        {
            return answer with { Body = (body is JArray ? (JToken)new JObject { ["results"] = body } : new JArray(body)).ToString(Formatting.None) };
        }

        var (target, targetSchema) = Record(body, schema);
        if (target is not null && targetSchema is not null && Change(target, targetSchema, kind))
        {
            return answer with { Body = body.ToString(Formatting.None) };
        }

        return answer;
    }

    /// <summary>The object a deviation goes into: the answer's, or the first item of an array answer, with its schema.</summary>
    private static (JObject? Target, JsonSchema? Schema) Record(JToken body, JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        var branches = ResponseCheck.Branches(actual);
        if (branches.Count > 0)
        {
            actual = branches.Select(b => b.ActualSchema).FirstOrDefault(b => ResponseCheck.TypeOf(b) == (body is JArray ? JsonObjectType.Array : JsonObjectType.Object)) ?? actual;
        }

        return body switch
        {
            JArray { Count: > 0 } array when actual.Item is { } item => (array[0] as JObject, item.ActualSchema),
            JObject obj => (obj, actual),
            _ => (null, null),
        };
    }

    private static bool Change(JObject target, JsonSchema schema, GcoreIamDeviationKind kind)
    {
        var (members, required, _) = ResponseCheck.MembersOf(schema);
        if (kind == GcoreIamDeviationKind.MemberExtra)
        {
            target[ExtraMemberName] = "added by the fake";
            return true;
        }

        foreach (var (name, member) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            if (target[name] is not { } value)
            {
                continue;
            }

            var actual = member.ActualSchema;
            var type = ResponseCheck.TypeOf(actual);
            var isEnum = actual.Enumeration.Count > 0;
            JToken? replacement = kind switch
            {
                GcoreIamDeviationKind.MemberAbsent when required.Contains(name) => null,
                GcoreIamDeviationKind.WrongType when value.Type == JTokenType.String && !isEnum => new JValue(12345),
                GcoreIamDeviationKind.WrongType when value.Type is JTokenType.Integer or JTokenType.Boolean => new JValue("12345"),
                GcoreIamDeviationKind.WholeNumberAsFloat when type == JsonObjectType.Integer && value.Type == JTokenType.Integer => new JValue((double)value.Value<long>()),
                GcoreIamDeviationKind.UnknownEnumValue when isEnum && value.Type == JTokenType.String => new JValue(UnknownEnumValue),
                GcoreIamDeviationKind.NullNotNullable when !ResponseCheck.IsNullable(member) && value.Type != JTokenType.Null => JValue.CreateNull(),
                _ => value,
            };
            if (kind == GcoreIamDeviationKind.MemberAbsent && required.Contains(name))
            {
                target.Remove(name);
                return true;
            }

            if (!ReferenceEquals(replacement, value))
            {
                target[name] = replacement;
                return true;
            }
        }

        return false;
    }
}
