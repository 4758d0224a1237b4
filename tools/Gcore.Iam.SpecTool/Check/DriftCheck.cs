using System.Text.Json;
using System.Text.Json.Nodes;
using Gcore.Iam.SpecTool.Import;
using Gcore.Iam.SpecTool.Json;

namespace Gcore.Iam.SpecTool.Check;

/// <summary>
/// Checks <c>openapi/</c>. With the published description at hand (<c>--source FILE</c>), the spec and
/// source.json must be exactly what the import makes of it. Offline (CI: Gcore's file is Gcore's and is
/// not committed), the spec must be what the import wrote (its SHA-256 in source.json), must keep the
/// handwritten contract, and must be what the client's own stages (<see cref="Importer.Finish"/>:
/// overlay, fix notes, tags, security, order) make of it, so that a table or the overlay changed
/// without a new import is caught. Differences are named by their place, expected (the import's)
/// against actual (the file's), the first <see cref="MaxDifferences"/> of them, with a count of the rest.
/// </summary>
internal static class DriftCheck
{
    public const int MaxDifferences = 10;

    /// <returns>The problems found; empty when openapi/ is what the import produces.</returns>
    public static IReadOnlyList<string> Run(string outDir, string? sourcePath = null)
    {
        var recordPath = Path.Combine(outDir, Importer.SourceRecordFileName);
        var specPath = Path.Combine(outDir, Importer.SpecFileName);
        var overlayPath = Path.Combine(outDir, Overlay.FileName);
        foreach (var required in new[] { recordPath, specPath, overlayPath })
        {
            if (!File.Exists(required))
            {
                return [$"{required} is missing: run `import --source <file>` first."];
            }
        }

        var record = JsonNode.Parse(File.ReadAllText(recordPath)) as JsonObject
            ?? throw new ImportException($"{recordPath} is not a JSON object.");
        var overlay = File.ReadAllText(overlayPath);
        var spec = File.ReadAllText(specPath);
        var problems = new List<string>();
        if (sourcePath is not null)
        {
            var sourceBytes = File.ReadAllBytes(sourcePath);
            var actualHash = Importer.Sha256(sourceBytes);
            if (actualHash != (string?)record["sha256"])
            {
                problems.Add($"{sourcePath} is not the description last imported (recorded {record["infoVersion"]}, sha256 {(string?)record["sha256"]}; " +
                    $"this one {actualHash}): the differences below are what importing it would change.");
            }

            var expected = Importer.Run(sourceBytes, overlay, record);
            problems.AddRange(CompareText(specPath, expected.SpecYaml));
            problems.AddRange(CompareText(recordPath, expected.SourceJson));
            problems.AddRange(DocProblems(outDir, expected.SpecYaml));
            return problems;
        }

        if (Importer.Sha256(System.Text.Encoding.UTF8.GetBytes(spec)) != (string?)record["specSha256"])
        {
            problems.Add($"{specPath} is not the file the import wrote (its SHA-256 is not the one in {recordPath}): it was edited by hand, or the import did not finish.");
        }

        var applied = (record["fixesApplied"] as JsonArray ?? []).Select(n => (string)n!).ToList();
        var notNeeded = (record["fixesNotNeeded"] as JsonArray ?? []).Select(n => (string)n!).ToList();
        foreach (var fix in SpecFixes.All.Where(f => !applied.Contains(f.Id) && !notNeeded.Contains(f.Id)))
        {
            problems.Add($"fix {fix.Id} is in SpecFixes.All but was not part of the last import: import again.");
        }

        foreach (var id in applied.Concat(notNeeded).Where(id => SpecFixes.All.All(f => f.Id != id)))
        {
            problems.Add($"fix {id} was part of the last import but is no longer in SpecFixes.All: import again.");
        }

        var tree = YamlText.Parse(spec) as JsonObject ?? throw new ImportException($"{specPath} is not an OpenAPI document.");
        DropClientOwned(tree);
        var notes = new List<string>();
        string again;
        try
        {
            again = Importer.Finish(tree, overlay, applied.Where(id => SpecFixes.All.Any(f => f.Id == id)).ToList(), notes);
        }
        catch (ImportException e)
        {
            problems.Add(e.Message);
            return problems;
        }

        problems.AddRange(notes.Where(n => n.StartsWith(Overlay.FileName, StringComparison.Ordinal)));
        problems.AddRange(CompareText(specPath, again));
        problems.AddRange(DocProblems(outDir, spec));
        return problems;
    }

    /// <summary>The docs' generated tables of operations (<see cref="DocTables"/>, in the repository above <paramref name="outDir"/>) must be the spec's.</summary>
    private static List<string> DocProblems(string outDir, string specYaml)
    {
        try
        {
            return DocTables.Expected(Path.Combine(outDir, ".."), (JsonObject)YamlText.Parse(specYaml))
                .Where(d => d.Expected != d.Text)
                .Select(d => $"{d.File}'s generated tables of operations are not the operation table's (run the import again): {FirstDifference(d.Text, d.Expected)}")
                .ToList();
        }
        catch (ImportException e)
        {
            return [e.Message];
        }
    }

    private static string FirstDifference(string actual, string expected)
    {
        var (a, e) = (actual.Split('\n'), expected.Split('\n'));
        var line = Enumerable.Range(0, Math.Max(a.Length, e.Length)).First(i => i >= a.Length || i >= e.Length || a[i] != e[i]);
        return $"line {line + 1} is\n    {(line < a.Length ? a[line] : "(the end)")}\n  expected\n    {(line < e.Length ? e[line] : "(the end)")}";
    }

    /// <summary>Takes out what the client's stages write (descriptions and examples, fix notes, enum names, the table's facts: resend rules, bounds, paging, secrets), so that they write it again.</summary>
    private static void DropClientOwned(JsonNode? node, bool isNameMap = false)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (!isNameMap && (key is "description" or "summary" or "example" or "x-gcore-fix" or "x-enumNames" or ClientContract.ResendExtension || ContractFacts.Extensions.Contains(key)))
                    {
                        o.Remove(key);
                    }
                    else
                    {
                        DropClientOwned(o[key], !isNameMap && Importer.IsNameMapKey(key));
                    }
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    DropClientOwned(item);
                }

                break;
        }
    }

    private static List<string> CompareText(string path, string expected)
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
        Differences(expectedTree, actualTree, "", differences, int.MaxValue);
        if (differences.Count == 0)
        {
            return [$"{path}: same content, different formatting; {FirstLineDifference(expected, actual)}"];
        }

        var shown = differences.Take(MaxDifferences).Select(d => $"{path}: {d}").ToList();
        if (differences.Count > MaxDifferences)
        {
            shown.Add($"{path}: {differences.Count - MaxDifferences} more difference(s) not shown");
        }

        return shown;
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
    internal static void Differences(JsonNode? expected, JsonNode? actual, string at, List<string> into, int max = MaxDifferences)
    {
        if (into.Count >= max)
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
                        Differences(value, other, JsonPointer.Append(at, key), into, max);
                    }

                    if (into.Count >= max)
                    {
                        return;
                    }
                }

                foreach (var (key, value) in a)
                {
                    if (!e.ContainsKey(key) && into.Count < max)
                    {
                        into.Add($"{JsonPointer.Append(at, key)}: expected: absent, actual {Show(value)}");
                    }
                }

                if (into.Count < max && e.Select(p => p.Key).Where(a.ContainsKey).SequenceEqual(a.Select(p => p.Key).Where(e.ContainsKey)) == false)
                {
                    into.Add($"{where}: keys in a different order: expected [{string.Join(", ", e.Select(p => p.Key))}], actual [{string.Join(", ", a.Select(p => p.Key))}]");
                }

                break;
            case (JsonArray e, JsonArray a) when at.EndsWith("/required", StringComparison.Ordinal):
                // A required list is a set: its order means nothing.
                var missing = e.Select(n => n?.ToJsonString()).Except(a.Select(n => n?.ToJsonString())).ToList();
                var extra = a.Select(n => n?.ToJsonString()).Except(e.Select(n => n?.ToJsonString())).ToList();
                if ((missing.Count > 0 || extra.Count > 0) && into.Count < max)
                {
                    into.Add($"{where}: expected also [{string.Join(", ", missing)}], actual also [{string.Join(", ", extra)}]");
                }

                break;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Differences(e[i], a[i], JsonPointer.Append(at, i), into, max);
                }

                if (e.Count != a.Count && into.Count < max)
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
