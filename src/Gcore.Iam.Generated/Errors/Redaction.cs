using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Gcore.Iam;

/// <summary>
/// The one place where secrets are taken out of text the library (or the CLI) shows: exception
/// messages, bodies, headers, log lines. Two rules: every API key this process has configured is
/// replaced wherever it appears, and anything shaped like a credential is replaced too.
/// </summary>
internal static partial class Redaction
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Marker = "[REDACTED]";

    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    // "APIKey <token>", "Bearer <token>", "token=<token>" and "token": "<token>" forms, wherever a
    // server or proxy echoes them. A value must look like a credential (8+ characters, with a digit
    // or one of _ $ . -) so that words in ordinary messages ("APIKey header missing") stay readable.
    // A JWT (header.payload.signature, base64url, the header starting "eyJ") is replaced wherever it
    // appears, so that tokens need not be remembered one by one (a session renews them all day).
    private const string CredentialPatternText =
        @"(?i)\b(?<key>(?:apikey|bearer)\s+|(?:apikey|api_key|token|access|refresh|authorization|password)[""']?\s*[:=]\s*[""']?(?:(?:apikey|bearer)\s+)?)(?=[^\s""'<>,;&]{8,})[^\s""'<>,;&]*[0-9_$.\-][^\s""'<>,;&]*|(?<key>)\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*";

#if NET
    [GeneratedRegex(CredentialPatternText, RegexOptions.CultureInvariant)]
    private static partial Regex CredentialPattern();
#else
    // No regex source generator for netstandard2.0: the same pattern, compiled once.
    private static readonly Regex CompiledCredentialPattern = new(CredentialPatternText, RegexOptions.CultureInvariant | RegexOptions.Compiled);

    private static Regex CredentialPattern() => CompiledCredentialPattern;
#endif

    /// <summary>Remembers <paramref name="secret"/> (an API key being configured) so that it is redacted everywhere.</summary>
    public static void Remember(string? secret)
    {
        if (IsRedactable(secret))
        {
            Secrets.TryAdd(secret!, 0);
        }
    }

    /// <summary>Stops remembering <paramref name="secret"/> (a credential that was replaced, such as an old JWT).</summary>
    public static void Forget(string? secret)
    {
        if (secret is not null)
        {
            Secrets.TryRemove(secret, out _);
        }
    }

    /// <summary>Removes <paramref name="secret"/>, every remembered key, and anything shaped like a credential.</summary>
    public static string Redact(string text, string? secret = null)
    {
        if (IsRedactable(secret))
        {
            text = text.Replace(secret!, Marker); // ordinal on every runtime
        }

        foreach (var known in Secrets.Keys)
        {
            text = text.Replace(known, Marker);
        }

        return CredentialPattern().Replace(text, m => m.Groups["key"].Value + Marker);
    }

    /// <summary>Whether a remembered key appears in <paramref name="text"/>.</summary>
    public static bool AnyKnownIn(string text) => Secrets.Keys.Any(s => text.Contains(s, StringComparison.Ordinal));

    private static bool IsRedactable(string? secret) => secret is { Length: >= 4 };
}
