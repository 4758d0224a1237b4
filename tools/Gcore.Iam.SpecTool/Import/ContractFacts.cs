using System.Text.Json.Nodes;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>The range the client allows an integer query parameter (checked before sending: an <c>ArgumentException</c>), and why.</summary>
/// <param name="Minimum">The smallest value; null for none.</param>
/// <param name="Maximum">The largest value; null for none.</param>
/// <param name="Default">What one page asks for when the caller says nothing (the spec's <c>default</c>); null for none.</param>
/// <param name="Reason">Why these bounds (written into the spec as <c>x-gcore-bounds</c>).</param>
internal sealed record Bounds(int? Minimum, int? Maximum, int? Default, string Reason);

/// <summary>
/// An offset-paged list (query parameters <c>limit</c> and <c>offset</c>; the next page starts at offset +
/// the length of the page before): written into the spec as <c>x-gcore-paging</c> on the operation, from
/// which templates/Client.Class.Paging.liquid generates the walker (<c>ListAll...Async</c>, a
/// <c>GcoreIamPageable&lt;T&gt;</c>), and as bounds on its <c>limit</c> and <c>offset</c>.
/// </summary>
/// <param name="Walker">The C# name of the walker method, without <c>Async</c> (<c>ListAllUsers</c>).</param>
/// <param name="Page">The schema of a page (the envelope; for a union of shapes, the union the operation answers).</param>
/// <param name="Items">The page's JSON member that holds the items.</param>
/// <param name="Total">The page's JSON member that holds the total count.</param>
/// <param name="Item">The schema of one item.</param>
/// <param name="Limit">The bounds of <c>limit</c> (the page size).</param>
/// <param name="Offset">The bounds of <c>offset</c>.</param>
internal sealed record PagedList(string Walker, string Page, string Items, string Total, string Item, Bounds Limit, Bounds Offset);

/// <summary>A member of the operation's request body that carries a secret, and what it is (written into the spec as <c>x-gcore-secret</c>).</summary>
/// <param name="Member">The JSON member of the body schema.</param>
/// <param name="Reason">What the secret is.</param>
internal sealed record SecretMember(string Member, string Reason);

/// <summary>
/// Writes the facts <see cref="ClientContract.Operations"/> declares about each operation into the
/// spec, where the consumers read them (never a second list of their own):
/// <list type="bullet">
/// <item>a paged list (<see cref="PagedList"/>): <c>minimum</c>, <c>maximum</c> and <c>default</c> on its
/// <c>limit</c> and <c>offset</c> (the generated guards refuse out-of-range values before sending; the fake
/// refuses them as Gcore does), <c>x-gcore-bounds</c> with the reason, and <c>x-gcore-paging</c> on the
/// operation (the walker's name, the page's items and total members, the item schema, the page size a
/// walk asks for), from which templates/Client.Class.Paging.liquid generates the walker;</item>
/// <item>every integer id in a path: no bounds (<see cref="ClientContract.PathIdBounds"/>, Gcore issues these ids),
/// with the reason in <c>x-gcore-bounds</c>;</item>
/// <item>a secret body member (<see cref="SecretMember"/>): <c>x-gcore-secret</c> with what it is, read by
/// templates/Class.liquid (the library's redaction remembers the value when the body is written) and by
/// the fake's request log;</item>
/// <item>the gcore-iam CLI command that calls the operation (<c>x-gcore-cli</c>): every operation has one,
/// and the docs' tables and the CLI's tests are held to it.</item>
/// </list>
/// Part of <see cref="Importer.Finish"/>, so the offline drift check catches a table changed without a
/// new import. Every fact is checked against the spec it lands in; a mismatch stops the import.
/// </summary>
internal static class ContractFacts
{
    public const string Paging = "x-gcore-paging";
    public const string BoundsReason = "x-gcore-bounds";
    public const string Secret = "x-gcore-secret";
    public const string Cli = "x-gcore-cli";

    /// <summary>The extensions this stage writes (the drift check takes them out and lets it write them again).</summary>
    public static readonly IReadOnlyList<string> Extensions = [Paging, BoundsReason, Secret, Cli];

    public static void Apply(JsonObject doc)
    {
        var problems = new List<string>();
        foreach (var op in ClientContract.Operations)
        {
            if (SpecPlaces.Operation(doc, op.Method, op.Path) is not { } operation)
            {
                continue; // HandwrittenContract names the missing operation.
            }

            if (op.Cli is null)
            {
                problems.Add($"{op.OperationId} names no gcore-iam command (Cli): every operation has one.");
            }
            else
            {
                operation[Cli] = op.Cli.Command;
            }

            foreach (var id in (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                         .Where(p => (string?)p["in"] == "path" && p["schema"] is JsonObject { } schema && (string?)schema["type"] == "integer"))
            {
                WriteBounds(id, ClientContract.PathIdBounds);
            }

            if (op.Paging is { } paging)
            {
                WritePaging(doc, op, operation, paging, problems);
            }

            foreach (var secret in op.Secrets ?? [])
            {
                var body = SpecPlaces.RequestComponentName(doc, op.Method, op.Path);
                if (body is null || SpecPlaces.Component(doc, body)?["properties"]?[secret.Member] is not JsonObject member)
                {
                    problems.Add($"{op.OperationId} declares the secret body member {secret.Member}, but its body ({body ?? "none"}) has no such member.");
                    continue;
                }

                if ((string?)member["type"] != "string")
                {
                    problems.Add($"{op.OperationId}: the secret body member {body}.{secret.Member} is not a string; the redaction remembers strings.");
                    continue;
                }

                member[Secret] = secret.Reason;
            }
        }

        foreach (var op in ClientContract.Operations)
        {
            if (string.IsNullOrWhiteSpace(op.Fake))
            {
                problems.Add($"{op.OperationId} does not say what the fake server does for it (Fake: its row of docs/testing-with-the-fake.md).");
            }

            if (op.Cli is { Usage: null } cli && !ClientContract.Operations.Any(o => o.Cli is { Usage: not null } other && other.Words == cli.Words))
            {
                problems.Add($"{op.OperationId}'s command `{cli.Command}` has no row of docs/cli.md: give it its Usage and Does, or name an option of a command that has them.");
            }

            if (op.Cli is { Usage: not null, Does: null or "" } undocumented)
            {
                problems.Add($"{op.OperationId}'s command `{undocumented.Command}` does not say what it does (Does: its row of docs/cli.md).");
            }
        }

        if (problems.Count > 0)
        {
            throw new ImportException("The operation table (tools/Gcore.Iam.SpecTool/Import/ClientContract.cs) declares facts the spec cannot carry:\n  " + string.Join("\n  ", problems));
        }
    }

    private static void WritePaging(JsonObject doc, ClientOperation op, JsonObject operation, PagedList paging, List<string> problems)
    {
        foreach (var (name, bounds) in new[] { ("limit", paging.Limit), ("offset", paging.Offset) })
        {
            var parameter = SpecPlaces.Parameter(doc, op.Method, op.Path, name);
            if (parameter?["schema"] is not JsonObject schema || (string?)schema["type"] != "integer" || (string?)parameter["in"] != "query")
            {
                problems.Add($"{op.OperationId} is declared a paged list, but has no integer query parameter {name}.");
                continue;
            }

            WriteBounds(parameter, bounds);
        }

        var answers = SpecPlaces.ResponseComponent(doc, op.Method, op.Path);
        if (answers?.Name != paging.Page)
        {
            problems.Add($"{op.OperationId} is declared to answer the page {paging.Page}; it answers {answers?.Name ?? "no named schema"}.");
            return;
        }

        // A union of shapes (the users list) is read into one class with the envelope's members.
        var envelope = new[] { answers.Schema }
            .Concat((answers.Schema["oneOf"] as JsonArray ?? []).Select(b => (string?)b?["$ref"] is { } r ? SpecPlaces.Component(doc, SpecPlaces.NameOf(r)) : null).OfType<JsonObject>())
            .FirstOrDefault(s => s["properties"]?[paging.Items] is not null);
        var items = envelope?["properties"]?[paging.Items];
        var total = envelope?["properties"]?[paging.Total];
        if ((string?)items?["type"] != "array" || (string?)items["items"]?["$ref"] != SpecPlaces.Ref(paging.Item))
        {
            problems.Add($"{paging.Page}.{paging.Items} must be an array of {paging.Item} (the walker's items); it is {items?.ToJsonString() ?? "missing"}.");
        }

        if ((string?)total?["type"] != "integer")
        {
            problems.Add($"{paging.Page}.{paging.Total} must be an integer (the walker's total); it is {total?.ToJsonString() ?? "missing"}.");
        }

        operation[Paging] = new JsonObject
        {
            ["walker"] = paging.Walker,
            ["items"] = paging.Items,
            ["total"] = paging.Total,
            ["item"] = paging.Item,
            ["pageSize"] = ClientContract.WalkPageSize,
        };
    }

    /// <summary><c>minimum</c>, <c>maximum</c> and <c>default</c> of the parameter's schema as <paramref name="bounds"/> gives them (absent for null), and <c>x-gcore-bounds</c> with the reason.</summary>
    private static void WriteBounds(JsonObject parameter, Bounds bounds)
    {
        var schema = (JsonObject)parameter["schema"]!;
        Set(schema, "minimum", bounds.Minimum);
        Set(schema, "maximum", bounds.Maximum);
        Set(schema, "default", bounds.Default);
        parameter[BoundsReason] = bounds.Reason;
    }

    private static void Set(JsonObject schema, string key, int? value)
    {
        if (value is { } v)
        {
            schema[key] = v;
        }
        else
        {
            schema.Remove(key);
        }
    }
}
