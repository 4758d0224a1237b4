using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using NSwag;

namespace Gcore.Iam.Testing.Spec;

/// <summary>
/// Checks a request against its operation in the spec, as Gcore's API (Django REST framework) does,
/// and answers in Gcore's forms: a path value the spec's type refuses is a 404 (the URL matches
/// nothing); a bad query parameter or body member is a 400 <c>{"errors": {field: [messages]}}</c>
/// (nested objects for nested members, as in <c>{"errors": {"client_user": {"role": [...]}}}</c>);
/// a body that is not JSON is a 400 <c>{"message": "JSON parse error - ..."}</c>.
/// </summary>
internal static class RequestCheck
{
    private const string Required = "This field is required.";

    /// <summary>The checked request (typed values), or the answer that refuses it.</summary>
    /// <param name="operation">The operation the request matched.</param>
    /// <param name="pathValues">The path's values by parameter name.</param>
    /// <param name="query">The query's values by name.</param>
    /// <param name="body">The body as sent, or null.</param>
    /// <param name="parsedBody">The body, parsed, when it conforms.</param>
    /// <param name="acceptUnknownEnumValues">Whether an enum value the spec does not list passes (the client's view of enums, for <see cref="GcoreIamSpecCheck"/>); the fake, like Gcore, refuses it.</param>
    public static FakeAnswer? Check(SpecOperation operation, IReadOnlyDictionary<string, string> pathValues,
        IReadOnlyDictionary<string, string> query, string? body, out JObject? parsedBody, bool acceptUnknownEnumValues = false)
    {
        parsedBody = null;
        foreach (var parameter in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Path))
        {
            if (!pathValues.TryGetValue(parameter.Name, out var text) || Problems(parameter.ActualSchema, Coerce(text, parameter.ActualSchema)).Any())
            {
                return FakeAnswer.Message(404, "Not found.");
            }
        }

        var errors = new JObject();
        foreach (var parameter in operation.Parameters.Where(p => p.Kind == OpenApiParameterKind.Query))
        {
            // A parameter with a default is optional to the server whatever the spec requires of
            // the client (GET /iam/users: the client must send limit, the server accepts it absent).
            List<string> messages = !query.TryGetValue(parameter.Name, out var text)
                ? parameter.IsRequired && parameter.ActualSchema.Default is null ? [Required] : []
                : Problems(parameter.ActualSchema, Coerce(text, parameter.ActualSchema), acceptUnknownEnumValues).Select(p => p.Message).Distinct().ToList();
            if (messages.Count > 0)
            {
                errors[parameter.Name] = new JArray(messages);
            }
        }

        if (errors.Count > 0 || operation.BodySchema is null)
        {
            return errors.Count > 0 ? FakeAnswer.Errors(400, errors) : null;
        }

        if (body is null || string.IsNullOrWhiteSpace(body))
        {
            return operation.BodyRequired ? FakeAnswer.FieldError(400, "non_field_errors", "No data provided.") : null;
        }

        JToken? token;
        try
        {
            // Read as sent, by the library's one set of JSON settings: no dates or floats guessed, bounded nesting, nothing after the value.
            token = JsonConvert.DeserializeObject<JToken>(body, FakeJson.Settings);
        }
        catch (JsonException e)
        {
            return FakeAnswer.Message(400, "JSON parse error - " + e.Message);
        }

        if (token is not JObject obj)
        {
            return FakeAnswer.FieldError(400, "non_field_errors", $"Invalid data. Expected a dictionary, but got {(token?.Type ?? JTokenType.Null).ToString().ToLowerInvariant()}.");
        }

        foreach (var problem in Problems(operation.BodySchema, obj, acceptUnknownEnumValues))
        {
            Add(errors, problem.Field, problem.Message);
        }

        if (errors.Count > 0)
        {
            return FakeAnswer.Errors(400, errors);
        }

        parsedBody = obj;
        return null;
    }

    /// <summary>A query or path text as the JSON value the parameter's schema describes (left a string when it is not one).</summary>
    /// <remarks>An integer without <c>format: int64</c> is an <c>int</c>, as in the client: a larger one is no integer.</remarks>
    internal static JValue Coerce(string text, JsonSchema schema) => text.ToUpperInvariant() switch
    {
        _ when schema.Type.HasFlag(JsonObjectType.Integer) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && (schema.Format == JsonFormatStrings.Long || integer is >= int.MinValue and <= int.MaxValue) => new JValue(integer),
        _ when schema.Type.HasFlag(JsonObjectType.Number) && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new JValue(number),
        "TRUE" or "1" when schema.Type.HasFlag(JsonObjectType.Boolean) => new JValue(true),
        "FALSE" or "0" when schema.Type.HasFlag(JsonObjectType.Boolean) => new JValue(false),
        _ => new JValue(text),
    };

    /// <summary>What the schema refuses in <paramref name="value"/>: the dotted field path and Gcore's sentence for it.</summary>
    private static IEnumerable<(string Field, string Message)> Problems(JsonSchema schema, JToken value, bool acceptUnknownEnumValues = false) =>
        Leaves(schema.Validate(value, SchemaType.OpenApi3))
            // Like the live API, members it does not know are ignored.
            .Where(e => e.Kind != ValidationErrorKind.NoAdditionalPropertiesAllowed)
            .Where(e => !(acceptUnknownEnumValues && e.Kind == ValidationErrorKind.NotInEnumeration))
            .Select(e => (Field(e), Sentence(e)));

    private static IEnumerable<ValidationError> Leaves(IEnumerable<ValidationError> errors) =>
        errors.SelectMany(error => error is ChildSchemaValidationError child && child.Errors.Values.Any(e => e.Count > 0)
            // oneOf/anyOf: report the branch that came closest (fewest problems).
            ? Leaves(child.Errors.Values.Where(e => e.Count > 0).MinBy(e => e.Count)!)
            : [error]);

    /// <summary><c>#/client_user.role</c> or <c>#/auth_types[1]</c> as <c>client_user.role</c> / <c>auth_types</c>.</summary>
    private static string Field(ValidationError error)
    {
        var path = (error.Path ?? "#").TrimStart('#', '/');
        if (error.Kind == ValidationErrorKind.PropertyRequired && error.Property is { } missing)
        {
            path = path.Length == 0 ? missing : path.EndsWith(missing, StringComparison.Ordinal) ? path : path + "." + missing;
        }

        var bracket = path.IndexOf('[', StringComparison.Ordinal);
        path = bracket >= 0 ? path[..bracket] : path;
        return path.Length == 0 ? "non_field_errors" : path;
    }

    private static string Sentence(ValidationError error)
    {
        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => Required,
            ValidationErrorKind.IntegerExpected => "A valid integer is required.",
            ValidationErrorKind.NumberExpected => "A valid number is required.",
            ValidationErrorKind.BooleanExpected => "Must be a valid boolean.",
            ValidationErrorKind.StringExpected => "Not a valid string.",
            ValidationErrorKind.ArrayExpected => "Expected a list of items.",
            ValidationErrorKind.ObjectExpected => "Invalid data. Expected a dictionary.",
            ValidationErrorKind.NullExpected => "This field may not be null.",
            ValidationErrorKind.NumberTooSmall => $"Ensure this value is greater than or equal to {Number(schema?.Minimum)}.",
            ValidationErrorKind.NumberTooBig => $"Ensure this value is less than or equal to {Number(schema?.Maximum)}.",
            ValidationErrorKind.StringTooShort => schema?.MinLength == 1 ? "This field may not be blank." : $"Ensure this field has at least {schema?.MinLength} characters.",
            ValidationErrorKind.StringTooLong => $"Ensure this field has no more than {schema?.MaxLength} characters.",
            ValidationErrorKind.NotInEnumeration => "Not a valid choice.",
            ValidationErrorKind.EmailExpected => "Enter a valid email address.",
            ValidationErrorKind.DateTimeExpected or ValidationErrorKind.DateExpected => "Datetime has wrong format. Use RFC 3339, such as 2030-01-31T00:00:00Z.",
            ValidationErrorKind.TooFewItems => $"Ensure this field has at least {schema?.MinItems} elements.",
            ValidationErrorKind.TooManyItems => $"Ensure this field has no more than {schema?.MaxItems} elements.",
            ValidationErrorKind.PatternMismatch => "This value does not match the required pattern.",
            _ => $"Invalid value ({error.Kind}).",
        };
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>Puts <paramref name="message"/> under <paramref name="field"/>, nesting objects for dotted paths.</summary>
    private static void Add(JObject errors, string field, string message)
    {
        var parts = field.Split('.');
        var node = parts.Take(parts.Length - 1).Aggregate(errors, (parent, part) => parent[part] as JObject ?? (JObject)(parent[part] = new JObject()));
        var list = node[parts[^1]] as JArray ?? (JArray)(node[parts[^1]] = new JArray());
        if (!list.Any(m => (string?)m == message))
        {
            list.Add(message);
        }
    }
}
