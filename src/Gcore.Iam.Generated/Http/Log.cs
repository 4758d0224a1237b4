using Microsoft.Extensions.Logging;

namespace Gcore.Iam.Http;

/// <summary>The client's log messages (category <c>Gcore.Iam</c>). None carries a header or the key.</summary>
internal static partial class Log
{
    public const string Category = "Gcore.Iam";

    [LoggerMessage(1, LogLevel.Debug, "Gcore IAM {Method} {Path} answered {Status} in {ElapsedMs} ms after {Attempts} attempt(s)")]
    public static partial void Completed(ILogger logger, string method, string path, int status, long elapsedMs, int attempts);

    [LoggerMessage(2, LogLevel.Information, "Gcore IAM {Method} {Path}: attempt {Attempt} in {DelayMs} ms (previous attempt: {Reason})")]
    public static partial void Retrying(ILogger logger, string method, string path, int attempt, long delayMs, string reason);

    [LoggerMessage(3, LogLevel.Warning, "Gcore IAM {Method} {Path} failed: {Message}")]
    public static partial void Failed(ILogger logger, string method, string path, string message);
}
