using System.Text;
using Gcore.Iam.SpecTool.Diff;

namespace Gcore.Iam.SpecTool.Update;

/// <summary>A draft CHANGELOG entry for an update, put under <c>## [Unreleased]</c> for the maintainer to edit.</summary>
internal static class ChangelogDraft
{
    public const string Heading = "## [Unreleased]";

    public static string Write(string infoVersion, VersionDecision decision, IReadOnlyList<Change> specChanges, IReadOnlyList<Change>? apiChanges)
    {
        var sb = new StringBuilder();
        sb.Append("### Gcore's description ").Append(infoVersion).Append(" (draft by `SpecTool update`: edit it, then drop this note)\n\n");
        sb.Append("- ").Append(decision.Headline()).Append(".\n");
        foreach (var change in specChanges)
        {
            sb.Append("- ").Append(change.Breaking ? "**Breaking:** " : "").Append('`').Append(change.Location).Append("`: ").Append(change.Description).Append('.').Append('\n');
        }

        if (apiChanges is null)
        {
            sb.Append("- The public API listing was not compared (`--skip-api-listing`).\n");
        }
        else
        {
            var removed = apiChanges.Count(c => c.Breaking);
            var added = apiChanges.Count - removed;
            sb.Append("- Public API: ").Append(removed).Append(" member(s) removed or changed, ").Append(added).Append(" added")
                .Append(removed > 0 ? " (callers must change: list what)" : "").Append(".\n");
        }

        return sb.ToString();
    }

    /// <summary>The changelog with <paramref name="entry"/> as the first section under <c>## [Unreleased]</c> (after its introduction).</summary>
    public static string Insert(string changelog, string entry)
    {
        var text = changelog.Replace("\r\n", "\n", StringComparison.Ordinal);
        var heading = text.IndexOf(Heading + "\n", StringComparison.Ordinal);
        if (heading < 0)
        {
            throw new FormatException($"CHANGELOG.md has no `{Heading}` heading to put the draft under.");
        }

        // Before the first ### or ## after the heading: the introduction paragraph stays first.
        var start = heading + Heading.Length + 1;
        var next = new[] { text.IndexOf("\n### ", start, StringComparison.Ordinal), text.IndexOf("\n## ", start, StringComparison.Ordinal) }.Where(i => i >= 0).DefaultIfEmpty(text.Length).Min();
        var at = next == text.Length ? next : next + 1;
        var before = text[..at];
        return before + (before.EndsWith("\n\n", StringComparison.Ordinal) ? "" : "\n") + entry + "\n" + text[at..];
    }
}
