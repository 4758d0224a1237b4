using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>
/// One correction to Gcore's published description. <see cref="Target"/> is the JSON pointer (in
/// the client's spec) of the node that gets the <c>x-gcore-fix</c> note; <see cref="IsNeeded"/>
/// tells whether the published description still has the defect, so that a fix Gcore has made
/// upstream is reported instead of being applied blindly.
/// </summary>
internal sealed record SpecFix(
    string Id,
    string Target,
    string Reason,
    Func<JsonObject, bool> IsNeeded,
    Action<JsonObject> Apply);

/// <summary>
/// THE list of deviations from Gcore's published description, applied in this order to the
/// client's part of it (after the OpenAPI 3.1 constructs were rewritten as 3.0.3). Each is written
/// into the spec as <c>x-gcore-fix: "id: reason"</c> on its target node.
/// </summary>
internal static class SpecFixes
{
    public static readonly IReadOnlyList<SpecFix> All =
    [
        new("users-list-limit-required",
            "/paths/~1iam~1users/get",
            "limit is required here although the live API accepts it absent, because without it the API answers a bare array of every user (the official SDKs always send it too).",
            doc => Parameter(doc, "/iam/users", "get", "limit") is { } p && p["required"]?.GetValue<bool>() != true,
            doc => Parameter(doc, "/iam/users", "get", "limit")!["required"] = true),

        new("users-list-both-shapes",
            "/components/schemas/UserPage",
            "the reference documents only the page envelope; the live API answers a bare array of every user when limit is absent, so the list is one of the two shapes.",
            doc => Schema(doc, "UserPage") is { } s && s["oneOf"] is null,
            doc =>
            {
                var schemas = Schemas(doc);
                var envelope = Schema(doc, "UserPage")!;
                schemas.Remove("UserPage");
                envelope["description"] = "The paged form of the user list.";
                schemas["UserPageEnvelope"] = envelope;
                schemas["UserArray"] = new JsonObject
                {
                    ["type"] = "array",
                    ["description"] = "The unpaged form of the user list.",
                    ["items"] = new JsonObject { ["$ref"] = "#/components/schemas/User" },
                };
                schemas["UserPage"] = new JsonObject
                {
                    ["description"] = "One page of users. The live API answers this envelope when `limit` is sent, and a bare array of every user when it is not; this client reads both.",
                    ["oneOf"] = new JsonArray(
                        new JsonObject { ["$ref"] = "#/components/schemas/UserPageEnvelope" },
                        new JsonObject { ["$ref"] = "#/components/schemas/UserArray" }),
                };
            }),

        new("users-page-count-integer",
            "/components/schemas/UserPageEnvelope/properties/count",
            "count is a whole number; the reference types it as number, which would make it a double.",
            doc => Property(doc, "UserPageEnvelope", "count") is { } p && (string?)p["type"] != "integer",
            doc => SetInteger(Property(doc, "UserPageEnvelope", "count")!, "int32")),

        new("user-client-and-roles-optional",
            "/components/schemas/User",
            "client_and_roles is optional: the reference lists it as required, but the live API often leaves it out.",
            doc => Schema(doc, "User")?["required"] is JsonArray r && r.Any(n => (string?)n == "client_and_roles"),
            doc =>
            {
                var required = (JsonArray)Schema(doc, "User")!["required"]!;
                required.Remove(required.First(n => (string?)n == "client_and_roles"));
            }),

        new("user-name-nullable",
            "/components/schemas/User/properties/name",
            "name is null for users who never set one; the reference types it as a plain string.",
            doc => Property(doc, "User", "name") is { } p && p["nullable"]?.GetValue<bool>() != true,
            doc => Property(doc, "User", "name")!["nullable"] = true),

        new("user-phone-nullable",
            "/components/schemas/User/properties/phone",
            "phone is null for users who never set one; the reference types it as a plain string.",
            doc => Property(doc, "User", "phone") is { } p && p["nullable"]?.GetValue<bool>() != true,
            doc => Property(doc, "User", "phone")!["nullable"] = true),

        new("user-client-integer",
            "/components/schemas/User/properties/client",
            "client is an account id, a whole number sent as a JSON number; the reference types it as number (a double).",
            doc => Property(doc, "User", "client") is { } p && (string?)p["type"] != "integer",
            doc => SetInteger(Property(doc, "User", "client")!, "int64")),

        new("security-scheme-apikey",
            "/components/securitySchemes/APIKey",
            "the reference calls the scheme apikey and shows the header as `apikey <token>`; the official SDKs send the word `APIKey`, which is what this client sends.",
            doc => doc["components"]?["securitySchemes"] is JsonObject schemes && schemes.ContainsKey("apikey"),
            RenameApiKeyScheme),
    ];

    private static void RenameApiKeyScheme(JsonObject doc)
    {
        var schemes = (JsonObject)doc["components"]!["securitySchemes"]!;
        var scheme = (JsonObject)schemes["apikey"]!;
        schemes.Remove("apikey");
        scheme["description"] = "The word `APIKey`, a space and the token: `Authorization: APIKey 42_...`.";
        schemes["APIKey"] = scheme;
        foreach (var requirements in SecurityLists(doc))
        {
            foreach (var requirement in requirements.OfType<JsonObject>())
            {
                if (requirement.Remove("apikey", out var scopes))
                {
                    requirement["APIKey"] = scopes;
                }
            }
        }
    }

    private static IEnumerable<JsonArray> SecurityLists(JsonObject doc)
    {
        if (doc["security"] is JsonArray root)
        {
            yield return root;
        }

        foreach (var (_, item) in doc["paths"]?.AsObject() ?? [])
        {
            foreach (var (_, op) in item?.AsObject() ?? [])
            {
                if (op is JsonObject o && o["security"] is JsonArray s)
                {
                    yield return s;
                }
            }
        }
    }

    private static void SetInteger(JsonObject schema, string format)
    {
        schema["type"] = "integer";
        schema["format"] = format;
    }

    private static JsonObject Schemas(JsonObject doc) => (JsonObject)doc["components"]!["schemas"]!;

    private static JsonObject? Schema(JsonObject doc, string name) => doc["components"]?["schemas"]?[name] as JsonObject;

    private static JsonObject? Property(JsonObject doc, string schema, string property) =>
        Schema(doc, schema)?["properties"]?[property] as JsonObject;

    private static JsonObject? Parameter(JsonObject doc, string path, string method, string name) =>
        (doc["paths"]?[path]?[method]?["parameters"] as JsonArray)?
            .OfType<JsonObject>()
            .FirstOrDefault(p => (string?)p["name"] == name);
}
