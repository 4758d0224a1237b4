using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>One member of a schema that the handwritten layer (src/Gcore.Iam.Generated) depends on.</summary>
/// <param name="Schema">The schema, by this client's name.</param>
/// <param name="Member">The JSON member.</param>
/// <param name="Shape"><c>integer</c>, <c>string</c>, <c>ref:Name</c> or <c>array:Name</c> (items referencing Name).</param>
/// <param name="Required">Whether it must be required (a non-nullable C# member the handwritten code reads).</param>
/// <param name="UsedBy">The handwritten file that needs it.</param>
internal sealed record ContractMember(string Schema, string Member, string Shape, bool Required, string UsedBy);

/// <summary>
/// The declared contract between the spec and the handwritten layer: what partials, converters and
/// checks compile against (the pages of the paged lists are checked by <see cref="ContractFacts"/>, from
/// the operation table: the generated walkers read them). The import checks it on its output, together with the operations' declared
/// answers and bodies (<see cref="ClientContract.Operations"/>), so that it never writes a spec the
/// library cannot be built on.
/// </summary>
internal static class HandwrittenContract
{
    public static readonly IReadOnlyList<ContractMember> Members =
    [
        new("UserPageEnvelope", "count", "integer", true, "Models/UserPage.cs, Serialization/UserPageJsonConverter.cs"),
        new("UserPageEnvelope", "results", "array:User", true, "Serialization/UserPageJsonConverter.cs"),
        new("UserArray", "", "array:User", false, "Serialization/UserPageJsonConverter.cs"),
        new("UserInvite", "client_id", "integer", true, "Models/RequestValidation.cs"),
        new("UserInvite", "email", "string", true, "Models/RequestValidation.cs"),
        new("UserInvite", "user_role", "ref:UserGroup", true, "Models/RequestValidation.cs"),
        new("UserGroup", "id", "integer", true, "Models/RequestValidation.cs"),
        new("UserUpdate", "email", "string", false, "Models/RequestValidation.cs"),
        new("ApiTokenCreate", "name", "string", true, "Models/RequestValidation.cs"),
        new("ApiTokenCreate", "client_user", "ref:ApiTokenRole", true, "Models/RequestValidation.cs"),
        new("ApiTokenCreate", "exp_date", "string", true, "Models/RequestValidation.cs"),
        new("ApiTokenRole", "role", "ref:UserGroup", false, "Models/RequestValidation.cs"),
        new("JwtLogin", "username", "string", true, "Auth/GeneratedJwtCalls.cs"),
        new("JwtLogin", "password", "string", true, "Auth/GeneratedJwtCalls.cs"),
        new("JwtLogin", "one_time_password", "string", false, "Auth/GeneratedJwtCalls.cs"),
        new("JwtRefresh", "refresh", "string", true, "Auth/GeneratedJwtCalls.cs"),
        new("JwtTokens", "access", "string", true, "Auth/GeneratedJwtCalls.cs"),
        new("JwtTokens", "refresh", "string", true, "Auth/GeneratedJwtCalls.cs"),
        new("AccountRole", "user_role", "ref:UserGroup", false, "../Gcore.Iam.Testing/State/FakeState.UserAccess.cs"),
    ];

    /// <summary>The problems found; empty when the spec keeps the contract.</summary>
    public static List<string> Check(JsonObject doc)
    {
        var problems = new List<string>();
        foreach (var op in ClientContract.Operations)
        {
            var operation = SpecPlaces.Operation(doc, op.Method, op.Path);
            if (operation is null || (string?)operation["operationId"] != op.OperationId)
            {
                problems.Add($"{op.Key} ({op.OperationId}) is missing.");
                continue;
            }

            var answers = SpecPlaces.ResponseComponent(doc, op.Method, op.Path)?.Name;
            if (op.Answers is not null && answers != op.Answers)
            {
                problems.Add($"{op.Key} must answer {op.Answers}; it answers {answers ?? "no named schema"}.");
            }

            var takes = SpecPlaces.RequestComponentName(doc, op.Method, op.Path);
            if (op.Takes is not null && takes != op.Takes)
            {
                problems.Add($"{op.Key} must take {op.Takes}; it takes {takes ?? "no named schema"}.");
            }
        }

        foreach (var m in Members)
        {
            var schema = SpecPlaces.Component(doc, m.Schema);
            var what = m.Member.Length == 0 ? m.Schema : $"{m.Schema}.{m.Member}";
            if (schema is null)
            {
                problems.Add($"{m.Schema} is missing (needed by {m.UsedBy}).");
                continue;
            }

            var member = m.Member.Length == 0 ? schema : schema["properties"]?[m.Member] as JsonObject;
            if (member is null)
            {
                problems.Add($"{what} is missing (needed by {m.UsedBy}).");
                continue;
            }

            if (!HasShape(member, m.Shape))
            {
                problems.Add($"{what} must be {m.Shape} (needed by {m.UsedBy}); it is {member.ToJsonString()}.");
            }

            var required = (schema["required"] as JsonArray)?.Any(n => (string?)n == m.Member) == true;
            if (m.Required && m.Member.Length > 0 && !required)
            {
                problems.Add($"{what} must be required (needed by {m.UsedBy}).");
            }
        }

        return problems;
    }

    private static bool HasShape(JsonObject member, string shape)
    {
        var parts = shape.Split(':');
        return parts[0] switch
        {
            "integer" or "string" => (string?)member["type"] == parts[0],
            "ref" => (string?)member["$ref"] == SpecPlaces.Ref(parts[1]),
            "array" => (string?)member["type"] == "array" && (string?)member["items"]?["$ref"] == SpecPlaces.Ref(parts[1]),
            _ => throw new ImportException($"HandwrittenContract: unknown shape {shape}."),
        };
    }
}
