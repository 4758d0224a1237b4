using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Import;

/// <summary>
/// Applies an OpenAPI Overlay 1.0 document (<c>openapi/descriptions.overlay.yaml</c>): this client's
/// own descriptions, put on the imported spec after Gcore's prose was dropped. Targets are the
/// JSONPath subset <c>$</c> followed by <c>.name</c>, <c>['name']</c> or <c>[index]</c> segments; each action's
/// <c>update</c> object is merged into the target. A target the spec does not have is reported, so
/// that a description does not silently stop applying.
/// </summary>
internal static class Overlay
{
    public const string FileName = "descriptions.overlay.yaml";

    /// <returns>The targets that matched nothing.</returns>
    public static List<string> Apply(JsonObject doc, string overlayYaml)
    {
        var overlay = YamlText.Parse(overlayYaml) as JsonObject ?? throw new ImportException($"{FileName} is not an object.");
        if ((string?)overlay["overlay"] is not { } version || !version.StartsWith("1.", StringComparison.Ordinal))
        {
            throw new ImportException($"{FileName} is not an OpenAPI Overlay 1.x document (its `overlay` field).");
        }

        var unmatched = new List<string>();
        foreach (var action in (overlay["actions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var target = (string?)action["target"] ?? throw new ImportException($"{FileName}: an action has no target.");
            if (action["update"] is not JsonObject update)
            {
                throw new ImportException($"{FileName}: the action for {target} has no update object (only updates are supported).");
            }

            if (Resolve(doc, target) is not JsonObject node)
            {
                unmatched.Add(target);
                continue;
            }

            if (node.ContainsKey("$ref"))
            {
                throw new ImportException($"{FileName}: {target} is a reference; OpenAPI 3.0 ignores anything beside a $ref, so describe the schema it references instead.");
            }

            foreach (var (key, value) in update)
            {
                node[key] = value?.DeepClone();
            }
        }

        return unmatched;
    }

    /// <summary>The JSON pointer a target stands for.</summary>
    public static string ToPointer(string target)
    {
        if (!target.StartsWith('$'))
        {
            throw new ImportException($"{FileName}: target {target} does not start with $.");
        }

        var pointer = "";
        var i = 1;
        while (i < target.Length)
        {
            if (target[i] == '.')
            {
                var end = i + 1;
                while (end < target.Length && target[end] != '.' && target[end] != '[')
                {
                    end++;
                }

                pointer = JsonPointer.Append(pointer, target[(i + 1)..end]);
                i = end;
            }
            else if (target.AsSpan(i).StartsWith("['"))
            {
                var end = target.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw new ImportException($"{FileName}: target {target} has an unclosed ['...'].");
                }

                pointer = JsonPointer.Append(pointer, target[(i + 2)..end]);
                i = end + 2;
            }
            else if (target[i] == '[' && target.IndexOf(']', i) is var close && close > i
                && int.TryParse(target.AsSpan(i + 1, close - i - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
            {
                pointer = JsonPointer.Append(pointer, index);
                i = close + 1;
            }
            else
            {
                throw new ImportException($"{FileName}: target {target} is not in the supported JSONPath subset ($, .name, ['name'], [index]).");
            }
        }

        return pointer;
    }

    private static JsonNode? Resolve(JsonObject doc, string target) => JsonPointer.Resolve(doc, ToPointer(target));
}
