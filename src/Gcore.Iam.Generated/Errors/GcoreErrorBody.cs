using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam;

/// <summary>
/// Reads Gcore's error bodies, in every form its descriptions document:
/// <list type="bullet">
/// <item>validation errors, a map from field to sentences: <c>{"errors": {"email": ["This field is required."]}}</c>,
/// or a single sentence instead of the list;</item>
/// <item>nested validation errors, read as dotted paths: <c>{"errors": {"client_user": {"role": ["Invalid role: X"]}}}</c>
/// gives <c>client_user.role</c> (a list of objects gives <c>items.0.name</c>);</item>
/// <item>a bare array of sentences: <c>["User 1004 has already been invited to client 200123"]</c>;</item>
/// <item>an array of error objects (change e-mail): <c>[{"errors": {"new_email": "Same email address."}}]</c>, read as one;</item>
/// <item><c>{"message": "..."}</c> (or <c>detail</c>, <c>error</c>);</item>
/// <item>the platform form <c>{exception_class, message, request_id, info, invalid_fields}</c>;</item>
/// <item>a bare field map without <c>errors</c> (Django REST framework's own form), when every member is a sentence list.</item>
/// </list>
/// Anything else (HTML from a proxy, an empty body, JSON of another shape) gives no fields and no
/// message. Every text is redacted and bounded.
/// </summary>
internal sealed class GcoreErrorBody
{
    /// <summary>The most fields kept, and sentences per field.</summary>
    public const int MaxFields = 50;

    /// <summary>The longest sentence kept.</summary>
    public const int MaxSentenceChars = 500;

    private static readonly GcoreErrorBody None = new();

    private GcoreErrorBody()
    {
    }

    /// <summary>Gcore's sentence: <c>message</c>, or the sentences of a bare array joined.</summary>
    public string? Message { get; private init; }

    /// <summary>Gcore's <c>exception_class</c>.</summary>
    public string? ExceptionClass { get; private init; }

    /// <summary>Gcore's <c>request_id</c>.</summary>
    public string? RequestId { get; private init; }

    /// <summary>Field (a dotted path) to Gcore's sentences about it, in the body's order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FieldErrors { get; private init; }

    /// <summary>Whether the body was JSON at all.</summary>
    public bool IsJson { get; private init; }

    /// <summary>Reads <paramref name="body"/>; never throws.</summary>
    public static GcoreErrorBody Read(string? body, string? secret)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return None;
        }

        JToken token;
        try
        {
            using var reader = Serialization.GcoreIamJson.CreateReader(new StringReader(body));
            token = JToken.ReadFrom(reader);
        }
        catch (JsonException)
        {
            return None; // Not JSON (an HTML page from a proxy, say): the bounded body is kept as text.
        }

        switch (token)
        {
            case JArray items when items.Count > 0 && items.All(i => i is JObject):
                // Change e-mail's form: a list of error objects, [{"errors": {"new_email": "Same email address."}}].
                return Merge(items.Cast<JObject>().Take(MaxFields).Select(item => FromObject(item, secret)).ToList());
            case JArray sentences:
                return new GcoreErrorBody { IsJson = true, Message = Join(Sentences(sentences, secret)) };
            case JValue { Type: JTokenType.String } sentence:
                return new GcoreErrorBody { IsJson = true, Message = Text((string?)sentence, secret) };
            case JObject obj:
                return FromObject(obj, secret);
            default:
                return new GcoreErrorBody { IsJson = true };
        }
    }

    private static GcoreErrorBody FromObject(JObject obj, string? secret)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        string? sentencesMessage = null;
        switch (obj["errors"])
        {
            case JObject map:
                Flatten(map, "", fields, secret);
                break;
            case JArray list:
                sentencesMessage = Join(Sentences(list, secret));
                break;
            case JValue { Type: JTokenType.String } one:
                sentencesMessage = Text((string?)one, secret);
                break;
        }

        if (obj["invalid_fields"] is JObject invalid)
        {
            Flatten(invalid, "", fields, secret);
        }

        var message = Text(AsText(obj["message"]) ?? AsText(obj["detail"]) ?? AsText(obj["error"]), secret) ?? sentencesMessage;
        if (fields.Count == 0 && message is null && obj["errors"] is null && IsBareFieldMap(obj))
        {
            Flatten(obj, "", fields, secret);
        }

        return new GcoreErrorBody
        {
            IsJson = true,
            Message = message,
            ExceptionClass = Text(AsText(obj["exception_class"]), secret),
            RequestId = Text(AsText(obj["request_id"]), secret),
            FieldErrors = fields.Count == 0 ? null : fields,
        };
    }

    /// <summary>The error objects of a list as one: their fields in order (a field's sentences joined), their messages joined.</summary>
    private static GcoreErrorBody Merge(List<GcoreErrorBody> parts)
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (field, sentences) in parts.SelectMany(p => p.FieldErrors ?? new Dictionary<string, IReadOnlyList<string>>()))
        {
            if (fields.Count < MaxFields || fields.ContainsKey(field))
            {
                Add(fields, field, sentences);
            }
        }

        return new GcoreErrorBody
        {
            IsJson = true,
            Message = Join(parts.Select(p => p.Message).OfType<string>().ToList()),
            ExceptionClass = parts.Select(p => p.ExceptionClass).FirstOrDefault(c => c is not null),
            RequestId = parts.Select(p => p.RequestId).FirstOrDefault(r => r is not null),
            FieldErrors = fields.Count == 0 ? null : fields,
        };
    }

    /// <summary>
    /// The fields for a message: <c>email ("This field is required."), client_user.role ("Invalid role: X")</c>.
    /// At most <paramref name="maxFields"/> fields, each name and each field's sentences cut to 200
    /// characters, and no more fields once <paramref name="maxChars"/> is reached ("and 3 more").
    /// </summary>
    public static string DescribeFields(IReadOnlyDictionary<string, IReadOnlyList<string>> fields, int maxFields = 5, int maxChars = 600)
    {
        const int MaxPart = 200;
        var text = new System.Text.StringBuilder();
        var shown = 0;
        foreach (var (field, sentences) in fields)
        {
            if (shown == maxFields || text.Length >= maxChars)
            {
                text.Append(" and ").Append(fields.Count - shown).Append(" more");
                break;
            }

            text.Append(shown > 0 ? ", " : "").Append(Cut(field, MaxPart));
            if (sentences.Count > 0)
            {
                text.Append(" (\"").Append(Cut(string.Join(" ", sentences), MaxPart)).Append("\")");
            }

            shown++;
        }

        return text.ToString();

        static string Cut(string value, int max) => value.Length <= max ? value : ErrorText.Cut(value, max, "…");
    }

    private static void Flatten(JObject map, string prefix, Dictionary<string, IReadOnlyList<string>> fields, string? secret)
    {
        foreach (var property in map.Properties())
        {
            if (fields.Count >= MaxFields)
            {
                return;
            }

            var path = prefix + property.Name;
            switch (property.Value)
            {
                case JObject nested:
                    Flatten(nested, path + ".", fields, secret);
                    break;
                case JArray items when items.Any(i => i is JObject):
                    for (var i = 0; i < items.Count && fields.Count < MaxFields; i++)
                    {
                        if (items[i] is JObject item)
                        {
                            Flatten(item, $"{path}.{i}.", fields, secret);
                        }
                        else if (Text(AsText(items[i]), secret) is { } sentence)
                        {
                            Add(fields, path, [sentence]);
                        }
                    }

                    break;
                case JArray items:
                    Add(fields, path, Sentences(items, secret));
                    break;
                default:
                    Add(fields, path, Text(AsText(property.Value), secret) is { } one ? [one] : []);
                    break;
            }
        }
    }

    private static void Add(Dictionary<string, IReadOnlyList<string>> fields, string path, IReadOnlyList<string> sentences)
    {
        fields[path] = fields.TryGetValue(path, out var earlier) ? [.. earlier, .. sentences] : sentences;
    }

    private static bool IsBareFieldMap(JObject obj) =>
        obj.Count > 0 && obj.Properties().All(p => p.Value is JArray list && list.Count > 0 && list.All(i => i.Type == JTokenType.String));

    private static List<string> Sentences(JArray list, string? secret) =>
        list.Select(item => Text(AsText(item), secret)).OfType<string>().Take(MaxFields).ToList();

    private static string? Join(List<string> sentences) => sentences.Count == 0 ? null : string.Join(" ", sentences);

    private static string? Text(string? text, string? secret)
    {
        if (text is null || string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = Redaction.Redact(text.Trim(), secret);
        return text.Length <= MaxSentenceChars ? text : ErrorText.Cut(text, MaxSentenceChars, "…");
    }

    private static string? AsText(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null or JTokenType.Undefined => null,
        JTokenType.String => (string?)token,
        JTokenType.Array or JTokenType.Object => token.ToString(Formatting.None),
        _ => token.ToString(),
    };
}
