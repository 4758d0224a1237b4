using System.Globalization;

namespace Gcore.Iam.Cli;

/// <summary>
/// Dates on the command line: ISO 8601 only, so that no date means two things (01/02/2027 is January
/// in one country and February in another). A date alone is 00:00 UTC that day; a time needs its
/// zone (Z or an offset), since a time without one would silently be some zone's.
/// </summary>
internal static partial class CliApp
{
    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>"never" is null; a date or a date-time with its zone becomes RFC 3339 in UTC.</summary>
    internal static string? ParseExpiry(string text)
    {
        var value = text.Trim();
        if (string.Equals(value, "never", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Utc(new DateTimeOffset(day, TimeSpan.Zero));
        }

        if (value.Length > 10 && (value[^1] is 'Z' or 'z' || HasOffset(value))
            && DateTimeOffset.TryParseExact(value.ToUpperInvariant(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
        {
            return Utc(when);
        }

        if (DateTime.TryParseExact(value, DateTimeFormats.Select(f => f.TrimEnd('K')).ToArray(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new UsageException(
                $"--expires '{text}' has no time zone: add Z for UTC ({value.Replace(' ', 'T')}Z) or the offset of the zone meant ({value.Replace(' ', 'T')}+02:00).");
        }

        throw new UsageException(
            $"--expires must be an ISO 8601 date such as 2027-12-31 (00:00 UTC that day), a time with its zone such as 2027-12-31T18:00:00Z or 2027-12-31T18:00+02:00, or 'never'; got '{text}'.");
    }

    private static bool HasOffset(string value) => value.Length > 16 && value[^6] is '+' or '-' && value[^3] == ':';

    private static string Utc(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
