using System.Text.Json;
using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Import;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Check;

/// <summary>
/// Compares <c>openapi/</c> with what the import makes from the recorded source, and names the
/// first differences by their place in the document, expected (the import's) against actual (the file's).
/// </summary>
internal static class DriftCheck
{
    public const int MaxDifferences = 10;

    /// <returns>The problems found; empty when openapi/ is exactly what the import produces.</returns>
    public static IReadOnlyList<string> Run(string outDir)
    {
        var problems = new List<string>();
        var recordPath = Path.Combine(outDir, Importer.SourceRecordFileName);
        if (!File.Exists(recordPath))
        {
            return [$"{recordPath} is missing: run `import --source <file>` first."];
        }

        var record = JsonNode.Parse(File.ReadAllText(recordPath)) as JsonObject
            ?? throw new ImportException($"{recordPath} is not a JSON object.");
        var sourceFile = (string?)record["file"] ?? throw new ImportException($"{recordPath} names no source file.");
        var sourcePath = Path.Combine(outDir, sourceFile);
        if (!File.Exists(sourcePath))
        {
            return [$"the recorded source {sourcePath} is missing."];
        }

        var sourceBytes = File.ReadAllBytes(sourcePath);
        var actualHash = Importer.Sha256(sourceBytes);
        if (actualHash != (string?)record["sha256"])
        {
            problems.Add($"{sourcePath}: the source changed since the import: recorded sha256 {(string?)record["sha256"]}, actual {actualHash}.");
        }

        var expected = Importer.Run(sourceBytes, sourceFile);
        problems.AddRange(CompareText(Path.Combine(outDir, Importer.SpecFileName), expected.SpecYaml));
        problems.AddRange(CompareText(recordPath, expected.SourceJson));
        return problems;
    }

    private static IEnumerable<string> CompareText(string path, string expected)
    {
        if (!File.Exists(path))
        {
            return [$"{path} is missing."];
        }

        var actual = File.ReadAllText(path);
        if (actual == expected)
        {
            return [];
        }

        JsonNode expectedTree;
        JsonNode actualTree;
        try
        {
            expectedTree = YamlText.Parse(expected);
            actualTree = YamlText.Parse(actual);
        }
        catch (Exception e) when (e is FormatException or JsonException or SharpYaml.YamlException)
        {
            return [$"{path}: cannot be read ({e.Message}); {FirstLineDifference(expected, actual)}"];
        }

        var differences = new List<string>();
        Differences(expectedTree, actualTree, "", differences);
        if (differences.Count == 0)
        {
            return [$"{path}: same content, different formatting; {FirstLineDifference(expected, actual)}"];
        }

        return differences.Select(d => $"{path}: {d}");
    }

    private static string FirstLineDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                return $"first different line {i + 1}: expected `{el}`, actual `{al}`";
            }
        }

        return "the files differ in line endings or encoding";
    }

    /// <summary>Walks both trees and records where they differ, up to <see cref="MaxDifferences"/>.</summary>
    internal static void Differences(JsonNode? expected, JsonNode? actual, string at, List<string> into)
    {
        if (into.Count >= MaxDifferences)
        {
            return;
        }

        var where = at.Length == 0 ? "/" : at;
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (!a.TryGetPropertyValue(key, out var other))
                    {
                        into.Add($"{JsonPointer.Append(at, key)}: expected {Show(value)}, actual: missing");
                    }
                    else
                    {
                        Differences(value, other, JsonPointer.Append(at, key), into);
                    }

                    if (into.Count >= MaxDifferences)
                    {
                        return;
                    }
                }

                foreach (var (key, value) in a)
                {
                    if (!e.ContainsKey(key) && into.Count < MaxDifferences)
                    {
                        into.Add($"{JsonPointer.Append(at, key)}: expected: absent, actual {Show(value)}");
                    }
                }

                if (into.Count < MaxDifferences && e.Select(p => p.Key).Where(a.ContainsKey).SequenceEqual(a.Select(p => p.Key).Where(e.ContainsKey)) == false)
                {
                    into.Add($"{where}: keys in a different order: expected [{string.Join(", ", e.Select(p => p.Key))}], actual [{string.Join(", ", a.Select(p => p.Key))}]");
                }

                break;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Differences(e[i], a[i], JsonPointer.Append(at, i), into);
                }

                if (e.Count != a.Count && into.Count < MaxDifferences)
                {
                    into.Add($"{where}: expected {e.Count} items, actual {a.Count}");
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual))
                {
                    into.Add($"{where}: expected {Show(expected)}, actual {Show(actual)}");
                }

                break;
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..117] + "..." : text;
    }
}
