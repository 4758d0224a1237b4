using System.Text.RegularExpressions;

namespace Gcore.Iam.Cli;

/// <summary>
/// The library's messages speak to C# callers (its options class and members, AddGcoreIam); the
/// tool's users have options and environment variables instead. Every message the tool relays
/// passes through <see cref="ForCli"/>, which says the tool's way for each library setting. The
/// library names are built from the types themselves (nameof), so no message text of the tool
/// names a library type.
/// </summary>
internal static partial class CliWording
{
    private static readonly string Options = typeof(GcoreIamClientOptions).Name;

    private static readonly string RequestOptions = typeof(GcoreIamRequestOptions).Name;

    /// <summary>Whole phrases first (their grammar changes), then single settings.</summary>
    private static readonly (string Library, string Cli)[] Phrases =
    [
        ($"{Options}.{nameof(GcoreIamClientOptions.Username)} and {nameof(GcoreIamClientOptions.Password)}",
            $"--username ({CliContext.UsernameEnvironmentVariable}) and the password ({CliContext.PasswordEnvironmentVariable}, --password-stdin or the prompt)"),
        ($"that {nameof(GcoreIamClientOptions.OneTimePassword)} is current", "that --otp is current"),
        ($"the {nameof(GcoreIamClientOptions.Username)} and {nameof(GcoreIamClientOptions.Password)} of a login",
            $"the login's --username and password ({CliContext.PasswordEnvironmentVariable} or --password-stdin)"),
        ($"{GcoreIamClientOptions.ApiKeyEnvironmentVariable}, or {Options}.{nameof(GcoreIamClientOptions.ApiKey)}",
            $"{GcoreIamClientOptions.ApiKeyEnvironmentVariable} or --api-key"),
        ($"raise {Options}.{nameof(GcoreIamClientOptions.Timeout)} (or {RequestOptions}.{nameof(GcoreIamRequestOptions.Timeout)} of this call)", "raise --timeout"),
        ($"raise {Options}.{nameof(GcoreIamClientOptions.AttemptTimeout)}", "raise --timeout"),
        ($"set {Options}.{nameof(GcoreIamClientOptions.AllowInsecureHttp)} for a trusted network", "pass --allow-insecure-http if the network to it is trusted"),
        ($"{Options}.{nameof(GcoreIamClientOptions.ApiKey)}", "--api-key"),
        ($"{Options}.{nameof(GcoreIamClientOptions.BaseUrl)}", "--base-url"),
        ($"{Options}.{nameof(GcoreIamClientOptions.MaxRetries)}", "--retries"),
        ($"{Options}.{nameof(GcoreIamClientOptions.AccountId)}", "--account"),
        ($"{Options}.{nameof(GcoreIamClientOptions.Username)}", "--username"),
        ($"{Options}.{nameof(GcoreIamClientOptions.Timeout)}", "--timeout"),
        ($"{Options}.{nameof(GcoreIamClientOptions.AttemptTimeout)}", "--timeout"),
    ];

    /// <summary>A library message in the tool's words.</summary>
    public static string ForCli(string message)
    {
        foreach (var (library, cli) in Phrases)
        {
            message = message.Replace(library, cli, StringComparison.Ordinal);
        }

        // A library name no phrase above covers (a message added to the library later) must not reach
        // the tool's users as advice they cannot follow: the sentence that carries it goes.
        return LibraryName().IsMatch(message) ? string.Concat(Sentences().Split(message).Where(s => !LibraryName().IsMatch(s))).Trim() : message;
    }

    /// <summary>Whether <paramref name="text"/> names a library type or its registration (the test of every message uses it too).</summary>
    public static bool NamesLibraryType(string text) => LibraryName().IsMatch(text);

    [GeneratedRegex(@"\b(?:Add)?GcoreIam(?:[A-Z]\w*)?\b")]
    private static partial Regex LibraryName();

    [GeneratedRegex(@"(?<=[.;:]\s)")]
    private static partial Regex Sentences();
}
