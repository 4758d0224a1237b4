namespace Gcore.Iam.SpecTool.Diff;

/// <summary>
/// Compares two public API listings in PublicApiAnalyzers' format (<c>PublicAPI.Shipped.txt</c> +
/// <c>PublicAPI.Unshipped.txt</c>, one symbol a line, <c>*REMOVED*</c> lines in Unshipped taking a
/// shipped symbol away). A member whose signature stays but whose type changes is shown as changed.
/// </summary>
internal static class ApiListingDiff
{
    internal static readonly string[] ListingFiles = ["PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"];

    /// <summary>The listing given by files or folders (a folder means its PublicAPI.Shipped.txt and PublicAPI.Unshipped.txt).</summary>
    public static SortedSet<string> Load(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(ListingFiles
                    .Select(f => Path.Combine(path, f)).Where(File.Exists));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"No public API listing at {path}.", path);
            }
        }

        var symbols = new SortedSet<string>(StringComparer.Ordinal);
        var removed = new List<string>();
        foreach (var line in files.SelectMany(File.ReadAllLines).Select(l => l.Trim()))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("*REMOVED*", StringComparison.Ordinal))
            {
                removed.Add(line["*REMOVED*".Length..]);
            }
            else
            {
                symbols.Add(line);
            }
        }

        symbols.ExceptWith(removed);
        return symbols;
    }

    public static IReadOnlyList<Change> Compare(IReadOnlySet<string> oldApi, IReadOnlySet<string> newApi)
    {
        var removed = oldApi.Where(s => !newApi.Contains(s)).ToList();
        var added = newApi.Where(s => !oldApi.Contains(s)).ToList();
        var changes = new List<Change>();
        var addedBySignature = added.GroupBy(Signature, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var symbol in removed)
        {
            if (addedBySignature.TryGetValue(Signature(symbol), out var replacements) && replacements.Count > 0)
            {
                var replacement = replacements[0];
                replacements.RemoveAt(0);
                added.Remove(replacement);
                changes.Add(new Change(true, Signature(symbol), $"changed: `{symbol}` -> `{replacement}`"));
            }
            else
            {
                changes.Add(new Change(true, symbol, "removed"));
            }
        }

        changes.AddRange(added.Select(symbol => new Change(false, symbol, "added")));
        return changes.OrderBy(c => c.Breaking ? 0 : 1).ThenBy(c => c.Location, StringComparer.Ordinal).ToList();
    }

    /// <summary>The symbol without its type (<c>A.B.get -> int</c> and <c>A.B.get -> string!</c> share <c>A.B.get</c>).</summary>
    private static string Signature(string symbol)
    {
        var arrow = symbol.LastIndexOf(" -> ", StringComparison.Ordinal);
        return arrow < 0 ? symbol : symbol[..arrow];
    }
}
