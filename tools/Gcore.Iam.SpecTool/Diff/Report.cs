using System.Globalization;
using System.Text;

namespace Gcore.Iam.SpecTool.Diff;

/// <summary>Writes the change report as Markdown (for a pull request) or plain text (for a terminal).</summary>
internal static class Report
{
    public static string Write(string format, string? specTitle, IReadOnlyList<Change>? specChanges, IReadOnlyList<Change>? apiChanges)
    {
        var md = format == "md";
        var sb = new StringBuilder();
        var all = (specChanges ?? []).Concat(apiChanges ?? []).ToList();
        var breaking = all.Count(c => c.Breaking);
        if (md)
        {
            sb.Append("# Change report\n\n");
            if (specTitle is not null)
            {
                sb.Append(specTitle).Append("\n\n");
            }

            sb.Append(breaking > 0
                ? string.Create(CultureInfo.InvariantCulture, $"**Breaking: {Counts(specChanges, apiChanges)}**: release as a new major version.\n")
                : "**No breaking change.**\n");
        }
        else
        {
            if (specTitle is not null)
            {
                sb.Append(specTitle).Append('\n');
            }

            sb.Append(breaking > 0
                ? string.Create(CultureInfo.InvariantCulture, $"breaking: {Counts(specChanges, apiChanges)}\n")
                : "no breaking change\n");
        }

        if (specChanges is not null)
        {
            Section(sb, md, "Spec", specChanges);
        }

        if (apiChanges is not null)
        {
            Section(sb, md, "Public API of the client", apiChanges);
        }

        return sb.ToString();
    }

    private static void Section(StringBuilder sb, bool md, string title, IReadOnlyList<Change> changes)
    {
        var breaking = changes.Where(c => c.Breaking).ToList();
        var other = changes.Where(c => !c.Breaking).ToList();
        if (md)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## {title}: {breaking.Count} breaking, {other.Count} not breaking\n");
            if (changes.Count == 0)
            {
                sb.Append("\nNo change.\n");
                return;
            }

            sb.Append("\n| | where | change |\n|---|---|---|\n");
            foreach (var c in breaking.Concat(other))
            {
                sb.Append(CultureInfo.InvariantCulture, $"| {(c.Breaking ? "breaking" : "not breaking")} | `{Cell(c.Location)}` | {Cell(c.Description)} |\n");
            }
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n{title}: {breaking.Count} breaking, {other.Count} not breaking\n");
            foreach (var c in breaking.Concat(other))
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {(c.Breaking ? "BREAKING" : "ok      ")}  {c.Location}: {c.Description}\n");
            }
        }
    }

    private static string Counts(IReadOnlyList<Change>? spec, IReadOnlyList<Change>? api) =>
        string.Join(", ", new[] { (spec, "in the spec"), (api, "in the public API") }
            .Where(p => p.Item1 is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Item1!.Count(c => c.Breaking)} {p.Item2}")));

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
