using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>
/// What the fake answers to one request: a status and a JSON body (or none). The error bodies are
/// the forms Gcore's IAM description documents: <c>{"message": "..."}</c> (401, 403, 404, a JSON
/// parse error), <c>{"errors": {field: [sentences]}}</c> (validation), a bare array of sentences
/// (an invitation that cannot be sent), and an array of error objects (change e-mail).
/// </summary>
internal sealed record FakeAnswer(int Status, string? Body)
{
    /// <summary>The wait a 429 asks for (<c>Retry-After</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The body's media type: JSON, but for a proxy's HTML page.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary><c>{"message": "..."}</c>.</summary>
    public static FakeAnswer Message(int status, string message) => new(status, new JObject { ["message"] = message }.ToString(Newtonsoft.Json.Formatting.None));

    /// <summary><c>{"errors": {...}}</c>: each field with its sentences, nested for nested members.</summary>
    public static FakeAnswer Errors(int status, JObject fields) => new(status, new JObject { ["errors"] = fields }.ToString(Newtonsoft.Json.Formatting.None));

    /// <summary><c>{"errors": {field: [message]}}</c>.</summary>
    public static FakeAnswer FieldError(int status, string field, string message) => Errors(status, new JObject { [field] = new JArray(message) });

    /// <summary>A bare JSON array of sentences.</summary>
    public static FakeAnswer Sentences(int status, params string[] sentences) => new(status, new JArray(sentences).ToString(Newtonsoft.Json.Formatting.None));

    /// <summary><c>[{"errors": {field: message}}]</c>: change e-mail's form in Gcore's description.</summary>
    public static FakeAnswer ErrorList(int status, string field, string message) =>
        new(status, new JArray(new JObject { ["errors"] = new JObject { [field] = message } }).ToString(Newtonsoft.Json.Formatting.None));

    /// <summary>403 for an account id other than the key's.</summary>
    public static FakeAnswer Forbidden() => Message(403, "You do not have permission to perform this action.");

    /// <summary>404 with <paramref name="what"/> in the sentence.</summary>
    public static FakeAnswer NotFound(string what) => Message(404, $"{what} not found.");
}
