using System.Globalization;
using System.Text;

namespace Gcore.Iam;

/// <summary>Reading and bounding error answers, and the details an <see cref="GcoreIamApiException"/> carries (Gcore's fields: <see cref="GcoreErrorBody"/>; redaction: <see cref="Redaction"/>).</summary>
internal static class ErrorText
{
    /// <summary>The most of a body an exception keeps.</summary>
    public const int MaxBodyChars = 4096;

    /// <summary>The most of a body read to find Gcore's error fields.</summary>
    public const int MaxBodyBytesRead = 64 * 1024;

    /// <summary>Cuts a body to <see cref="MaxBodyChars"/>.</summary>
    public static string? Bound(string? text) =>
        text is null || text.Length <= MaxBodyChars ? text : Cut(text, MaxBodyChars, "…(truncated)");

    /// <summary>The first <paramref name="length"/> characters of <paramref name="text"/>, then <paramref name="suffix"/>.</summary>
    public static string Cut(string text, int length, string suffix) =>
#if NET
        string.Concat(text.AsSpan(0, length), suffix);
#else
        text.Substring(0, length) + suffix; // netstandard2.0 has no span overload of string.Concat
#endif

    /// <summary>Reads at most <see cref="MaxBodyBytesRead"/> bytes of a body as UTF-8.</summary>
    public static async Task<string?> ReadBoundedAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using (stream)
        {
            var buffer = new byte[MaxBodyBytesRead];
            var total = 0;
            int read;
            while (total < buffer.Length
                && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total == 0 ? null : new UTF8Encoding(false).GetString(buffer, 0, total);
        }
    }

    /// <summary>Builds the details of an error answer; <paramref name="secret"/> is redacted from all text.</summary>
    public static GcoreIamErrorDetails Describe(
        HttpResponseMessage response, string method, string path, string? body, string? secret, int attempts)
    {
        var parsed = GcoreErrorBody.Read(body, secret);
        var requestId = parsed.RequestId ?? (FirstHeader(response, "X-Request-ID") is { } header ? Redaction.Redact(header, secret) : null);
        return new GcoreIamErrorDetails
        {
            StatusCode = (int)response.StatusCode,
            Method = method,
            Path = path,
            GcoreMessage = parsed.Message,
            ExceptionClass = parsed.ExceptionClass,
            RequestId = requestId,
            FieldErrors = parsed.FieldErrors,
            ResponseBody = body is null ? null : Bound(Redaction.Redact(body, secret)),
            BodyIsJson = parsed.IsJson,
            Headers = ResponseHeaders.CopyOf(response, secret),
            RetryAfter = RetryAfter(response),
            Attempts = attempts,
        };
    }

    /// <summary>How long the server asked to wait: <c>retry-after-ms</c>, or <c>Retry-After</c> in seconds or as a date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (FirstHeader(response, "retry-after-ms") is { } ms
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
