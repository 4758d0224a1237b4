namespace Gcore.Iam.Cli;

/// <summary>The exit codes of <c>gcore-iam</c> (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed that the tool did not expect (a bug: please report it).</summary>
    public const int Unexpected = 1;

    /// <summary>The command line was wrong: unknown command or option, a missing or bad value.</summary>
    public const int Usage = 2;

    /// <summary>Gcore answered with an error status (4xx or 5xx).</summary>
    public const int ApiError = 3;

    /// <summary>Gcore could not be reached, the connection broke, or no answer came in time.</summary>
    public const int NetworkError = 4;

    /// <summary>Gcore answered with success but the body could not be read.</summary>
    public const int InvalidResponse = 5;

    /// <summary>The configuration cannot work: a base URL that is not a URL, a key that cannot be sent.</summary>
    public const int ConfigurationError = 6;

    /// <summary><c>verify</c>: the API answered, but not as the spec says (the deviations are listed). Not 1, which means a bug of the tool.</summary>
    public const int Deviations = 7;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;
}

/// <summary>A mistake in the command line found after parsing (an unknown role, flags that contradict each other).</summary>
internal sealed class UsageException(string message) : Exception(message);
