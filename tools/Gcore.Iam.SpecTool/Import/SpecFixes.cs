using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>What a fix's check found in the description.</summary>
internal enum DefectState
{
    /// <summary>The defect is there: the fix applies.</summary>
    Present,

    /// <summary>The target is there and verifiably right: the fix is no longer needed.</summary>
    Absent,

    /// <summary>The target changed shape: the fix can neither apply nor show that the defect is gone.</summary>
    Changed,
}

/// <summary>A fix's check: the state and what it saw (named in notes and errors).</summary>
internal sealed record DefectCheck(DefectState State, string Detail)
{
    public static DefectCheck Present(string detail) => new(DefectState.Present, detail);

    public static DefectCheck Absent(string detail) => new(DefectState.Absent, detail);

    public static DefectCheck Changed(string detail) => new(DefectState.Changed, detail);
}

/// <summary>
/// One correction to Gcore's published description, where it differs from the live API.
/// <see cref="Check"/> looks at the target (found by operation and JSON pointer in the client's
/// spec, never by an upstream schema name) before anything is applied; after
/// <see cref="Apply"/> the check must find the defect gone. Each applied fix is written into the
/// spec as <c>x-gcore-fix: "id: defect"</c> on the nodes of <see cref="Targets"/>.
/// </summary>
internal sealed record SpecFix(
    string Id,
    string Defect,
    string Where,
    Func<JsonObject, IReadOnlyList<string>> Targets,
    Func<JsonObject, DefectCheck> Check,
    Action<JsonObject> Apply);

/// <summary>
/// THE list of Gcore's defects this client corrects, applied in this order after the schemas got
/// this client's names (<see cref="SchemaNames"/>). The targets are found from the operations
/// (<see cref="SpecPlaces"/>), so an upstream rename does not touch this table.
/// </summary>
internal static class SpecFixes
{
    private const string Users = "/iam/users";
    private const string User = "/iam/users/{userId}";
    private const string Me = "/iam/clients/me";
    private const string Revoke = "/iam/clients/{clientId}/client-users/{userId}";
    private const string Tokens = "/iam/v2/clients/{clientId}/tokens";
    private const string Token = "/iam/v2/clients/{clientId}/tokens/{tokenId}";
    private const string Logins = "/iam/activity_log/logins";

    private static readonly string[] PageLinks = ["next", "previous"];

    private static readonly string[] ServiceMapPlaces = ["freeFeatures", "paidFeatures", "serviceStatuses"];

    public static readonly IReadOnlyList<SpecFix> All =
    [
        new("users-list-limit-required",
            "limit is optional, but without it the live API answers a bare array of every user instead of a page; " +
            "this client always sends it, as Gcore's SDKs do (its bounds and default are the operation table's: x-gcore-bounds).",
            "GET /iam/users, query parameter limit",
            doc => [SpecPlaces.OperationPointer("get", Users)],
            doc => SpecPlaces.Parameter(doc, "get", Users, "limit") switch
            {
                null => DefectCheck.Changed("GET /iam/users has no query parameter limit"),
                { } p when p["required"]?.GetValue<bool>() == true => DefectCheck.Absent("limit is required"),
                _ => DefectCheck.Present("limit is optional"),
            },
            doc => SpecPlaces.Parameter(doc, "get", Users, "limit")!["required"] = true),

        new("users-list-both-shapes",
            "the description documents only the page envelope; the live API answers a bare array of every user when limit is " +
            "absent, so the list is one of two shapes (this client reads both).",
            "GET /iam/users, the 200 answer",
            doc => [SpecPlaces.ResponseSchemaTarget(doc, "get", Users)],
            doc => SpecPlaces.ResponseComponent(doc, "get", Users) switch
            {
                null => DefectCheck.Changed("GET /iam/users answers no named schema"),
                (_, var s) when s["oneOf"] is JsonArray o && o.Count == 2 => DefectCheck.Absent("the answer is a union of two shapes"),
                (_, var s) when s["properties"]?["results"]?["type"]?.GetValue<string>() == "array" => DefectCheck.Present("the answer is only the envelope"),
                _ => DefectCheck.Changed("the answer is neither the page envelope nor a union"),
            },
            doc =>
            {
                var (envelopeName, envelope) = SpecPlaces.ResponseComponent(doc, "get", Users)!;
                var schemas = SpecPlaces.Schemas(doc);
                schemas["UserArray"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = envelope["properties"]!["results"]!["items"]!.DeepClone(),
                };
                schemas["UserPage"] = new JsonObject
                {
                    ["oneOf"] = new JsonArray(
                        new JsonObject { ["$ref"] = SpecPlaces.Ref(envelopeName) },
                        new JsonObject { ["$ref"] = SpecPlaces.Ref("UserArray") }),
                };
                SpecPlaces.SetResponseSchema(doc, "get", Users, new JsonObject { ["$ref"] = SpecPlaces.Ref("UserPage") });
            }),

        CountInteger("users-page-count-integer",
            "count is a whole number; descriptions before May 2026 type it number, which would make it a double.",
            "GET /iam/users, the page envelope's count", "the user page", EnvelopeName, Envelope),

        new("users-page-members-required",
            "the live page envelope always carries count and results; descriptions before May 2026 do not require them.",
            "GET /iam/users, the page envelope's count and results",
            doc => [SpecPlaces.ComponentPointer(EnvelopeName(doc))],
            doc =>
            {
                if (Envelope(doc) is not { } envelope || envelope["properties"]?["count"] is null || envelope["properties"]?["results"] is null)
                {
                    return DefectCheck.Changed("the page envelope has no count or no results");
                }

                var required = (envelope["required"] as JsonArray)?.Select(n => (string?)n).ToList() ?? [];
                return required.Contains("count") && required.Contains("results")
                    ? DefectCheck.Absent("count and results are required")
                    : DefectCheck.Present("count or results is optional");
            },
            doc =>
            {
                var envelope = Envelope(doc)!;
                var required = (envelope["required"] as JsonArray)?.Select(n => (string)n!).ToList() ?? [];
                envelope["required"] = new JsonArray(required.Union(["count", "results"]).Select(r => (JsonNode)r).ToArray());
            }),

        LinksNullable("users-page-links-nullable",
            "next is null on the last page and previous on the first; the description types both as plain strings.",
            "GET /iam/users, the page envelope's next and previous", "the page envelope", EnvelopeName, Envelope),

        new("api-token-created-secret-required",
            "the answer to creating a token carries its secret (shown once: the reason for the call); the description leaves token optional.",
            "POST /iam/v2/clients/{clientId}/tokens, the 200 answer's token",
            doc => [SpecPlaces.ResponseSchemaTarget(doc, "post", Tokens)],
            doc =>
            {
                var created = SpecPlaces.ResponseComponent(doc, "post", Tokens)?.Schema;
                var holder = created?["allOf"] is JsonArray all ? all.OfType<JsonObject>().FirstOrDefault(m => m["properties"]?["token"] is not null) : created;
                if (holder?["properties"]?["token"] is not JsonObject token || (string?)token["type"] != "string")
                {
                    return DefectCheck.Changed("the created token has no string member token");
                }

                return (holder["required"] as JsonArray)?.Any(n => (string?)n == "token") == true
                    ? DefectCheck.Absent("token is required")
                    : DefectCheck.Present("token is optional");
            },
            doc =>
            {
                var created = SpecPlaces.ResponseComponent(doc, "post", Tokens)!.Schema;
                var holder = created["allOf"] is JsonArray all ? all.OfType<JsonObject>().First(m => m["properties"]?["token"] is not null) : created;
                var required = (holder["required"] as JsonArray)?.Select(n => (string)n!).ToList() ?? [];
                holder["required"] = new JsonArray(required.Append("token").Select(r => (JsonNode)r).ToArray());
            }),

        new("user-client-integer",
            "client is an account id, a whole number sent as a JSON number; the description types it number (a double).",
            "client of the user (GET /iam/users/{userId}) and of the account overview's users (GET /iam/clients/me)",
            doc => ClientIdPlaces(doc).Select(p => p.Pointer).ToList(),
            doc =>
            {
                var places = ClientIdPlaces(doc);
                if (places.Count < 2 || places.Any(p => p.Schema is null))
                {
                    return DefectCheck.Changed("a user schema has no client member");
                }

                var types = places.Select(p => (string?)p.Schema!["type"]).ToList();
                return types.Any(t => t == "number") ? DefectCheck.Present("client is a number")
                    : types.All(t => t == "integer") ? DefectCheck.Absent("client is an integer")
                    : DefectCheck.Changed("client is neither integer nor number");
            },
            doc =>
            {
                foreach (var place in ClientIdPlaces(doc))
                {
                    SpecPlaces.SetInteger(place.Schema!, "int64");
                }
            }),

        new("delete-success-statuses",
            "both DELETEs answer 200 or 204 with an empty body, whichever the description lists; the description lists one.",
            "DELETE /iam/clients/{clientId}/client-users/{userId} and DELETE /iam/v2/clients/{clientId}/tokens/{tokenId}",
            doc => [SpecPlaces.OperationPointer("delete", Revoke), SpecPlaces.OperationPointer("delete", Token)],
            doc =>
            {
                var states = new[] { Revoke, Token }.Select(path => SpecPlaces.Operation(doc, "delete", path)?["responses"] as JsonObject).ToList();
                if (states.Any(r => r is null || (!r.ContainsKey("200") && !r.ContainsKey("204"))))
                {
                    return DefectCheck.Changed("a DELETE lists neither 200 nor 204");
                }

                return states.All(r => r!.ContainsKey("200") && r.ContainsKey("204"))
                    ? DefectCheck.Absent("both list 200 and 204")
                    : DefectCheck.Present("a DELETE lists only one of 200 and 204");
            },
            doc =>
            {
                foreach (var path in new[] { Revoke, Token })
                {
                    var responses = (JsonObject)SpecPlaces.Operation(doc, "delete", path)!["responses"]!;
                    foreach (var status in new[] { "200", "204" })
                    {
                        responses[status] ??= new JsonObject();
                        ((JsonObject)responses[status]!).Remove("content");
                    }
                }
            }),

        new("user-update-writable-only",
            "the PATCH body lists the user's read-only members (id, client, deleted, is_active, client_and_roles, ...) beside the ones a " +
            "caller can change, and some descriptions require members of a PATCH; the body keeps its writable members, all optional.",
            "PATCH /iam/users/{userId}, the request body",
            doc => [SpecPlaces.ComponentPointer(SpecPlaces.RequestComponentName(doc, "patch", User) ?? "")],
            doc =>
            {
                if (SpecPlaces.RequestComponentName(doc, "patch", User) is not { } name || SpecPlaces.Component(doc, name)?["properties"] is not JsonObject members || members.Count == 0)
                {
                    return DefectCheck.Changed("the PATCH body is not a named object with members");
                }

                var readOnly = members.Where(m => SpecPlaces.IsReadOnly(doc, m.Value as JsonObject)).Select(m => m.Key).ToList();
                var required = SpecPlaces.Component(doc, name)!["required"] is JsonArray { Count: > 0 } r ? r.Count : 0;
                return readOnly.Count > 0 || required > 0
                    ? DefectCheck.Present($"read-only members: [{string.Join(", ", readOnly)}], required members: {required}")
                    : DefectCheck.Absent("every member is writable and optional");
            },
            doc =>
            {
                var body = SpecPlaces.Component(doc, SpecPlaces.RequestComponentName(doc, "patch", User)!)!;
                var members = (JsonObject)body["properties"]!;
                foreach (var name in members.Where(m => SpecPlaces.IsReadOnly(doc, m.Value as JsonObject)).Select(m => m.Key).ToList())
                {
                    members.Remove(name);
                }

                // A PATCH sends what changes: no member is required (descriptions of April 2026 require them all).
                body.Remove("required");
            }),

        new("user-group-id-required",
            "a role is known by its id: every answer carries it and every request that sets a role needs it (invite, token create); " +
            "the description leaves it optional.",
            "the role of POST /iam/clients/invite_user (user_role), used by every answer and body that names a role",
            doc => [SpecPlaces.ComponentPointer(RoleName(doc) ?? "")],
            doc => RoleName(doc) is not { } name || SpecPlaces.Component(doc, name) is not { } role
                ? DefectCheck.Changed("the invitation's user_role is not a named schema")
                : (string?)role["properties"]?["id"]?["type"] != "integer"
                    ? DefectCheck.Changed("the role has no integer id")
                    : (role["required"] as JsonArray)?.Any(n => (string?)n == "id") == true
                        ? DefectCheck.Absent("id is required")
                        : DefectCheck.Present("id is optional"),
            doc =>
            {
                var role = SpecPlaces.Component(doc, RoleName(doc)!)!;
                var required = role["required"] as JsonArray ?? [];
                required.Add("id");
                role["required"] = required;
            }),

        new("api-token-not-a-request",
            "the token schema extends the create-token request body and redefines its client_user with another type; " +
            "a token is written out as one object, with the members of both.",
            "GET /iam/v2/clients/{clientId}/tokens/{tokenId}, the 200 answer",
            doc => [SpecPlaces.ResponseSchemaTarget(doc, "get", Token)],
            doc =>
            {
                var body = SpecPlaces.RequestComponentName(doc, "post", Tokens);
                return SpecPlaces.ResponseComponent(doc, "get", Token) switch
                {
                    null => DefectCheck.Changed("the token answer is not a named schema"),
                    (_, var s) when s["allOf"] is JsonArray all && all.Any(m => (string?)m?["$ref"] == SpecPlaces.Ref(body ?? "")) =>
                        DefectCheck.Present("the token extends the request body"),
                    (_, var s) when s["properties"] is JsonObject && !s.ContainsKey("allOf") => DefectCheck.Absent("the token is one object"),
                    _ => DefectCheck.Changed("the token is neither one object nor an extension of the request body"),
                };
            },
            doc =>
            {
                var (_, token) = SpecPlaces.ResponseComponent(doc, "get", Token)!;
                var all = (JsonArray)token["allOf"]!;
                token.Remove("allOf");
                var properties = new JsonObject();
                var required = new List<string>();
                foreach (var member in all.OfType<JsonObject>())
                {
                    var resolved = member["$ref"] is null ? member : SpecPlaces.Component(doc, SpecPlaces.NameOf((string)member["$ref"]!))!;
                    foreach (var (name, schema) in (resolved["properties"] as JsonObject) ?? [])
                    {
                        properties[name] = schema!.DeepClone();
                    }

                    required.AddRange((resolved["required"] as JsonArray)?.Select(n => (string)n!) ?? []);
                }

                token["type"] = "object";
                token["required"] = new JsonArray(required.Distinct(StringComparer.Ordinal).Select(r => (JsonNode)r).ToArray());
                token["properties"] = properties;
            }),

        new("api-token-nullable-members",
            "last_usage is null for a token that was never used, description is null for a token created without one, and " +
            "client_user.user_name is null for an issuer who never set a name (a user's name is nullable in the description itself); " +
            "the description types them as plain strings.",
            "GET /iam/v2/clients/{clientId}/tokens/{tokenId}: last_usage, description and client_user.user_name",
            doc => TokenNullablePlaces(doc).Select(p => p.Pointer).ToList(),
            doc =>
            {
                var places = TokenNullablePlaces(doc);
                if (places.Count < 3 || places.Any(p => p.Schema is null || (string?)p.Schema["type"] != "string"))
                {
                    return DefectCheck.Changed("the token has no string last_usage, description or client_user.user_name");
                }

                return places.Any(p => p.Schema!["nullable"]?.GetValue<bool>() != true)
                    ? DefectCheck.Present("a member is not nullable")
                    : DefectCheck.Absent("both are nullable");
            },
            doc =>
            {
                foreach (var place in TokenNullablePlaces(doc))
                {
                    place.Schema!["nullable"] = true;
                }
            }),

        new("account-service-maps",
            "freeFeatures, paidFeatures and serviceStatuses are maps keyed by service name, but the description lists one member " +
            "per service it knows today; a service Gcore adds later would not be read. Written as maps.",
            "GET /iam/clients/me: freeFeatures, paidFeatures, serviceStatuses",
            doc => ServiceMapPlaces.Select(p => SpecPlaces.ResponseSchemaTarget(doc, "get", Me) + "/properties/" + p).ToList(),
            doc =>
            {
                var states = ServiceMapPlaces.Select(p => ServiceMapState(doc, p)).ToList();
                return states.FirstOrDefault(s => s.State == DefectState.Changed)
                    ?? states.FirstOrDefault(s => s.State == DefectState.Present)
                    ?? DefectCheck.Absent("all three are maps");
            },
            doc =>
            {
                var (_, overview) = SpecPlaces.ResponseComponent(doc, "get", Me)!;
                foreach (var place in ServiceMapPlaces)
                {
                    var property = (JsonObject)overview["properties"]![place]!;
                    var listName = SpecPlaces.NameOf((string)property["$ref"]!);
                    var list = SpecPlaces.Component(doc, listName)!;
                    var value = ((JsonObject)list["properties"]!).First().Value!.DeepClone();
                    overview["properties"]![place] = new JsonObject { ["type"] = "object", ["additionalProperties"] = value };
                    if (!SpecPlaces.IsReferenced(doc, listName))
                    {
                        SpecPlaces.Schemas(doc).Remove(listName);
                    }
                }
            }),

        new("login-activity-result-array",
            "the page's result is described with items but no type, so it is not an array to a generator (NSwag makes it an object); " +
            "the live API answers a JSON array of logins.",
            "GET /iam/activity_log/logins, the page's result",
            doc => [SpecPlaces.ComponentPointer(LoginPageName(doc)) + "/properties/result"],
            doc => LoginPage(doc)?["properties"]?["result"] switch
            {
                JsonObject r when r["items"] is null => DefectCheck.Changed("the login page's result has no items"),
                JsonObject r when (string?)r["type"] == "array" => DefectCheck.Absent("result is an array"),
                JsonObject r when r["type"] is null => DefectCheck.Present("result has items but no type"),
                _ => DefectCheck.Changed("the login page has no result, or one of another type"),
            },
            doc => LoginPage(doc)!["properties"]!["result"]!["type"] = "array"),

        LinksNullable("login-activity-links-nullable",
            "next is null on the last page of the login activity log and previous on the first; the description types both as plain strings.",
            "GET /iam/activity_log/logins, the page's next and previous", "the login page", LoginPageName, LoginPage),

        CountInteger("login-activity-count-integer",
            "count is a whole number; the description types it number, which would make it a double.",
            "GET /iam/activity_log/logins, the page's count", "the login page", LoginPageName, LoginPage),
    ];

    /// <summary>A page envelope's <c>count</c>, typed <c>number</c>, made an <c>int32</c> integer.</summary>
    private static SpecFix CountInteger(string id, string defect, string where, string what, Func<JsonObject, string> name, Func<JsonObject, JsonObject?> page) =>
        new(id, defect, where,
            doc => [SpecPlaces.ComponentPointer(name(doc)) + "/properties/count"],
            doc => page(doc)?["properties"]?["count"] switch
            {
                null => DefectCheck.Changed($"{what} has no count"),
                var c when (string?)c["type"] == "integer" => DefectCheck.Absent("count is an integer"),
                var c when (string?)c["type"] == "number" => DefectCheck.Present("count is a number"),
                _ => DefectCheck.Changed("count is neither integer nor number"),
            },
            doc => SpecPlaces.SetInteger((JsonObject)page(doc)!["properties"]!["count"]!, "int32"));

    /// <summary>A page envelope's <c>next</c> and <c>previous</c> links, plain strings, made nullable (the last page has no next, the first no previous).</summary>
    private static SpecFix LinksNullable(string id, string defect, string where, string what, Func<JsonObject, string> name, Func<JsonObject, JsonObject?> page) =>
        new(id, defect, where,
            doc => [SpecPlaces.ComponentPointer(name(doc)) + "/properties/next", SpecPlaces.ComponentPointer(name(doc)) + "/properties/previous"],
            doc =>
            {
                var links = PageLinks.Select(l => page(doc)?["properties"]?[l] as JsonObject).ToList();
                return links.Any(l => l is null || (string?)l["type"] != "string") ? DefectCheck.Changed($"{what} has no string next or previous")
                    : links.All(l => l!["nullable"]?.GetValue<bool>() == true) ? DefectCheck.Absent("next and previous are nullable")
                    : DefectCheck.Present("next or previous is not nullable");
            },
            doc =>
            {
                foreach (var link in PageLinks)
                {
                    page(doc)!["properties"]![link]!["nullable"] = true;
                }
            });

    private static string LoginPageName(JsonObject doc) =>
        SpecPlaces.ResponseComponent(doc, "get", Logins)?.Name ?? throw new ImportException($"GET {Logins} answers no named schema.");

    private static JsonObject? LoginPage(JsonObject doc) => SpecPlaces.ResponseComponent(doc, "get", Logins)?.Schema;

    private static DefectCheck ServiceMapState(JsonObject doc, string place)
    {
        if (SpecPlaces.ResponseComponent(doc, "get", Me) is not (_, var overview) || overview["properties"]?[place] is not JsonObject property)
        {
            return DefectCheck.Changed($"the account overview has no {place}");
        }

        if (property["additionalProperties"] is JsonObject && property["properties"] is null)
        {
            return DefectCheck.Absent($"{place} is a map");
        }

        if ((string?)property["$ref"] is not { } reference || SpecPlaces.Component(doc, SpecPlaces.NameOf(reference)) is not { } list
            || list["properties"] is not JsonObject members || members.Count == 0)
        {
            return DefectCheck.Changed($"{place} is neither a map nor an object with one member per service");
        }

        var services = SpecPlaces.EnumValues(doc, "get", Me, "capabilities");
        var same = members.Select(m => m.Value!.ToJsonString()).Distinct(StringComparer.Ordinal).Count() == 1;
        return same && members.All(m => services.Contains(m.Key))
            ? DefectCheck.Present($"{place} has one member per known service")
            : DefectCheck.Changed($"{place}'s members are not the service names, or differ from each other");
    }

    private static string? RoleName(JsonObject doc) =>
        SpecPlaces.RequestComponentName(doc, "post", "/iam/clients/invite_user") is { } invite
        && (string?)SpecPlaces.Component(doc, invite)?["properties"]?["user_role"]?["$ref"] is { } role
            ? SpecPlaces.NameOf(role)
            : null;

    private static string EnvelopeName(JsonObject doc)
    {
        var (name, schema) = SpecPlaces.ResponseComponent(doc, "get", Users) ?? throw new ImportException("GET /iam/users answers no named schema.");
        return schema["oneOf"] is JsonArray o && o.Count > 0 && (string?)o[0]?["$ref"] is { } r ? SpecPlaces.NameOf(r) : name;
    }

    private static JsonObject? Envelope(JsonObject doc) => SpecPlaces.Component(doc, EnvelopeName(doc));

    private static List<(string Pointer, JsonObject? Schema)> TokenNullablePlaces(JsonObject doc)
    {
        var places = new List<(string, JsonObject?)>();
        if (SpecPlaces.ResponseComponent(doc, "get", Token) is (var tokenName, var token))
        {
            places.Add((SpecPlaces.ComponentPointer(tokenName) + "/properties/last_usage", token["properties"]?["last_usage"] as JsonObject));
            places.Add((SpecPlaces.ComponentPointer(tokenName) + "/properties/description", token["properties"]?["description"] as JsonObject));
            if ((string?)token["properties"]?["client_user"]?["$ref"] is { } user)
            {
                var name = SpecPlaces.NameOf(user);
                places.Add((SpecPlaces.ComponentPointer(name) + "/properties/user_name", SpecPlaces.Component(doc, name)?["properties"]?["user_name"] as JsonObject));
            }
        }

        return places;
    }

    private static List<(string Pointer, JsonObject? Schema)> ClientIdPlaces(JsonObject doc)
    {
        var places = new List<(string, JsonObject?)>();
        if (SpecPlaces.ResponseComponent(doc, "get", User) is (var userName, var user))
        {
            places.Add((SpecPlaces.ComponentPointer(userName) + "/properties/client", user["properties"]?["client"] as JsonObject));
        }

        if (SpecPlaces.ResponseComponent(doc, "get", Me) is (_, var overview)
            && (string?)overview["properties"]?["users"]?["items"]?["$ref"] is { } accountUser)
        {
            var name = SpecPlaces.NameOf(accountUser);
            places.Add((SpecPlaces.ComponentPointer(name) + "/properties/client", SpecPlaces.Component(doc, name)?["properties"]?["client"] as JsonObject));
        }

        return places;
    }
}
