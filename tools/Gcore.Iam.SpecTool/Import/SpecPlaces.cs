using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>A component schema and its name in the client's spec.</summary>
internal sealed record NamedSchema(string Name, JsonObject Schema);

/// <summary>
/// Finds places in the client's spec from an operation (method and path), so that fixes and checks
/// never name an upstream schema: the schema an operation answers or takes, its parameters.
/// </summary>
internal static class SpecPlaces
{
    public const string SchemaRefPrefix = "#/components/schemas/";

    public static string Ref(string name) => SchemaRefPrefix + JsonPointer.Escape(name);

    public static string NameOf(string reference) =>
        reference.StartsWith(SchemaRefPrefix, StringComparison.Ordinal)
            ? JsonPointer.Unescape(reference[SchemaRefPrefix.Length..])
            : throw new ImportException($"{reference} is not a reference to a component schema.");

    public static string ComponentPointer(string name) => "/components/schemas/" + JsonPointer.Escape(name);

    public static string OperationPointer(string method, string path) => "/paths/" + JsonPointer.Escape(path) + "/" + method;

    public static JsonObject Schemas(JsonObject doc) => (JsonObject)doc["components"]!["schemas"]!;

    public static JsonObject? Component(JsonObject doc, string name) => doc["components"]?["schemas"]?[name] as JsonObject;

    public static JsonObject? Operation(JsonObject doc, string method, string path) => doc["paths"]?[path]?[method] as JsonObject;

    public static JsonObject? Parameter(JsonObject doc, string method, string path, string name) =>
        (Operation(doc, method, path)?["parameters"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(p => (string?)p["name"] == name);

    /// <summary>The JSON schema of the operation's first 2xx answer.</summary>
    public static JsonObject? ResponseSchema(JsonObject doc, string method, string path) =>
        SuccessResponse(doc, method, path)?["content"]?["application/json"]?["schema"] as JsonObject;

    public static void SetResponseSchema(JsonObject doc, string method, string path, JsonObject schema) =>
        SuccessResponse(doc, method, path)!["content"]!["application/json"]!["schema"] = schema;

    /// <summary>The component the operation's 2xx answer references, or null when it is inline or absent.</summary>
    public static NamedSchema? ResponseComponent(JsonObject doc, string method, string path) =>
        (string?)ResponseSchema(doc, method, path)?["$ref"] is { } reference && Component(doc, NameOf(reference)) is { } schema
            ? new NamedSchema(NameOf(reference), schema)
            : null;

    /// <summary>The pointer of the schema the 2xx answer stands for (its component, or the inline schema).</summary>
    public static string ResponseSchemaTarget(JsonObject doc, string method, string path)
    {
        if (ResponseComponent(doc, method, path) is { } named)
        {
            return ComponentPointer(named.Name);
        }

        var status = SuccessStatus(doc, method, path) ?? throw new ImportException($"{method.ToUpperInvariant()} {path} has no 2xx answer.");
        return OperationPointer(method, path) + "/responses/" + status + "/content/application~1json/schema";
    }

    public static string? RequestComponentName(JsonObject doc, string method, string path) =>
        (string?)Operation(doc, method, path)?["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"] is { } r ? NameOf(r) : null;

    /// <summary>The enum values of an array-of-enum member of the operation's answer (e.g. the account's capabilities).</summary>
    public static HashSet<string> EnumValues(JsonObject doc, string method, string path, string property)
    {
        var items = ResponseComponent(doc, method, path)?.Schema["properties"]?[property]?["items"] as JsonObject;
        var enumSchema = (string?)items?["$ref"] is { } r ? Component(doc, NameOf(r)) : items;
        return (enumSchema?["enum"] as JsonArray)?.Select(v => (string?)v).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
    }

    public static bool IsReferenced(JsonObject doc, string name)
    {
        var reference = Ref(name);
        return Walk(doc).Any(o => (string?)o["$ref"] == reference);
    }

    public static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var (_, value) in o)
                {
                    foreach (var child in Walk(value))
                    {
                        yield return child;
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    foreach (var child in Walk(item))
                    {
                        yield return child;
                    }
                }

                break;
        }
    }

    /// <summary>Whether a member is read-only, itself or through the schema it references.</summary>
    public static bool IsReadOnly(JsonObject doc, JsonObject? member) =>
        member?["readOnly"]?.GetValue<bool>() == true
        || ((string?)member?["$ref"] is { } r && Component(doc, NameOf(r))?["readOnly"]?.GetValue<bool>() == true);

    /// <summary>Makes a schema an integer; int32 is NSwag's (and Gcore's) default, so only int64 is written as a format.</summary>
    public static void SetInteger(JsonObject schema, string format)
    {
        schema["type"] = "integer";
        schema.Remove("format");
        if (format != "int32")
        {
            schema["format"] = format;
        }
    }

    private static string? SuccessStatus(JsonObject doc, string method, string path) =>
        (Operation(doc, method, path)?["responses"] as JsonObject)?.Select(r => r.Key).FirstOrDefault(s => s.StartsWith('2'));

    private static JsonObject? SuccessResponse(JsonObject doc, string method, string path) =>
        SuccessStatus(doc, method, path) is { } status ? Operation(doc, method, path)!["responses"]![status] as JsonObject : null;
}
