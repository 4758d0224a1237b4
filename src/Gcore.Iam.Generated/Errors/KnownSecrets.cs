using System.Collections.Concurrent;

namespace Gcore.Iam;

/// <summary>
/// Every API key this process has configured, so that text the library did not write itself (a
/// parser's message quoting a body that echoes the key, say) can still be redacted.
/// </summary>
internal static class KnownSecrets
{
    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    public static void Add(string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
        {
            Secrets.TryAdd(secret, 0);
        }
    }

    public static string Redact(string text)
    {
        foreach (var secret in Secrets.Keys)
        {
            text = text.Replace(secret, "[REDACTED]", StringComparison.Ordinal);
        }

        return text;
    }

    public static bool AnyIn(string text) => Secrets.Keys.Any(s => text.Contains(s, StringComparison.Ordinal));
}
