using System.Globalization;
using Gcore.Iam.SpecTool.Diff;

namespace Gcore.Iam.SpecTool.Update;

/// <summary>Which number a change moves (docs/versioning.md).</summary>
internal enum Bump
{
    None,
    Patch,
    Minor,
    Major,
}

/// <summary>The version docs/versioning.md's rules give for a set of changes, with the rows that decide it.</summary>
internal sealed record VersionDecision(Bump Bump, string Current, string Next, bool Released, IReadOnlyList<string> Reasons)
{
    /// <summary>
    /// MAJOR when a change is breaking (in the spec or the public API listing); MINOR when something
    /// is added (a new optional field, enum value, operation, an added API line); PATCH when the spec
    /// changed but nothing a caller compiles against (descriptions, fix notes, Gcore's version);
    /// none when the spec did not change. Before the first release (nothing in
    /// PublicAPI.Shipped.txt) the version stays: there is nothing to be compatible with yet.
    /// </summary>
    public static VersionDecision Decide(string currentVersion, bool released, bool specChanged, IReadOnlyList<Change> specChanges, IReadOnlyList<Change>? apiChanges)
    {
        var all = specChanges.Select(c => (Where: "spec", Change: c)).Concat((apiChanges ?? []).Select(c => (Where: "public API", Change: c))).ToList();
        var breaking = all.Where(c => c.Change.Breaking).ToList();
        var (bump, deciding, rule) = breaking.Count > 0
            ? (Bump.Major, breaking, "MAJOR: a user's code may stop compiling or behave differently")
            : all.Count > 0
                ? (Bump.Minor, all, "MINOR: new things, existing code unaffected")
                : specChanged
                    ? (Bump.Patch, all, "PATCH: no public API change (descriptions, fix notes or Gcore's version only)")
                    : (Bump.None, all, "no change to the spec");
        var reasons = new List<string> { "docs/versioning.md, " + rule };
        reasons.AddRange(deciding.Select(c => $"{c.Where}: `{c.Change.Location}`: {c.Change.Description}"));
        var next = released ? NextVersion(currentVersion, bump) : currentVersion;
        return new VersionDecision(bump, currentVersion, next, released, reasons);
    }

    /// <summary>One line: the bump and the version it gives.</summary>
    public string Headline() => Bump switch
    {
        Bump.None => $"version: no change needed (stays {Current})",
        _ when !Released => $"version: {Bump.ToString().ToUpperInvariant()} change; nothing is released yet (PublicAPI.Shipped.txt is empty), so the version stays {Current}, the first release",
        _ => $"version: {Bump.ToString().ToUpperInvariant()}: {Current} -> {Next}",
    };

    private static string NextVersion(string version, Bump bump)
    {
        var core = version.Split('-', '+')[0].Split('.');
        if (core.Length != 3 || !core.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"The version {version} is not MAJOR.MINOR.PATCH.");
        }

        var (major, minor, patch) = (int.Parse(core[0], CultureInfo.InvariantCulture), int.Parse(core[1], CultureInfo.InvariantCulture), int.Parse(core[2], CultureInfo.InvariantCulture));
        return bump switch
        {
            Bump.Major => $"{major + 1}.0.0",
            Bump.Minor => $"{major}.{minor + 1}.0",
            Bump.Patch => $"{major}.{minor}.{patch + 1}",
            _ => version,
        };
    }
}
