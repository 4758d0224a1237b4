using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam;

/// <summary>Reading, bounding and redacting the text of error answers.</summary>
internal static partial class ErrorText
{
    /// <summary>The most of a body an exception keeps.</summary>
    public const int MaxBodyChars = 4096;

    /// <summary>The most of a body read to find Gcore's error fields.</summary>
    public const int MaxBodyBytesRead = 64 * 1024;

    private const string Redacted = "[REDACTED]";

    // "APIKey <token>", "Bearer <token>", "token=<token>" and "token": "<token>" forms, wherever a
    // server or proxy echoes them. A value must look like a credential (8+ characters, with a digit
    // or one of _ $ . -) so that words in ordinary messages ("APIKey header missing") stay readable.
    [GeneratedRegex(
        @"(?i)\b(?<key>(?:apikey|bearer)\s+|(?:apikey|api_key|token|access|refresh|authorization)[""']?\s*[:=]\s*[""']?(?:(?:apikey|bearer)\s+)?)(?=[^\s""'<>,;&]{8,})[^\s""'<>,;&]*[0-9_$.\-][^\s""'<>,;&]*",
        RegexOptions.CultureInvariant)]
    private static partial Regex CredentialPattern();

    /// <summary>Removes <paramref name="secret"/> and anything shaped like a credential.</summary>
    public static string Redact(string text, string? secret)
    {
        if (!string.IsNullOrEmpty(secret) && secret.Length >= 4)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        text = KnownSecrets.Redact(text);
        return CredentialPattern().Replace(text, m => m.Groups["key"].Value + Redacted);
    }

    /// <summary>Cuts a body to <see cref="MaxBodyChars"/>.</summary>
    public static string? Bound(string? text) =>
        text is null || text.Length <= MaxBodyChars ? text : string.Concat(text.AsSpan(0, MaxBodyChars), "…(truncated)");

    /// <summary>Reads at most <see cref="MaxBodyBytesRead"/> bytes of a body as UTF-8.</summary>
    public static async Task<string?> ReadBoundedAsync(HttpContent? content, CancellationToken cancellationToken)
    {
        if (content is null)
        {
            return null;
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
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
        string? message = null, exceptionClass = null, requestId = null;
        Dictionary<string, string>? invalidFields = null;
        var isJson = false;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var reader = new JsonTextReader(new StringReader(body)) { MaxDepth = 32, DateParseHandling = DateParseHandling.None };
                if (JToken.ReadFrom(reader) is JObject obj)
                {
                    isJson = true;
                    message = AsText(obj["message"]) ?? AsText(obj["detail"]) ?? AsText(obj["error"]);
                    exceptionClass = AsText(obj["exception_class"]);
                    requestId = AsText(obj["request_id"]);
                    if (obj["invalid_fields"] is JObject fields)
                    {
                        invalidFields = [];
                        foreach (var field in fields.Properties())
                        {
                            invalidFields[field.Name] = Redact(
                                field.Value.Type == JTokenType.String ? (string)field.Value! : field.Value.ToString(Formatting.None), secret);
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON (an HTML page from a proxy, say): the bounded body is kept as text.
            }
        }

        requestId ??= FirstHeader(response, "X-Request-ID");
        return new GcoreIamErrorDetails
        {
            StatusCode = (int)response.StatusCode,
            Method = method,
            Path = path,
            GcoreMessage = message is null ? null : Bound(Redact(message, secret)),
            ExceptionClass = exceptionClass,
            RequestId = requestId is null ? null : Redact(requestId, secret),
            InvalidFields = invalidFields,
            ResponseBody = body is null ? null : Bound(Redact(body, secret)),
            BodyIsJson = isJson,
            Headers = CopyHeaders(response),
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

    private static string? AsText(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null or JTokenType.Undefined => null,
        JTokenType.String => (string?)token,
        JTokenType.Array or JTokenType.Object => token.ToString(Formatting.None),
        _ => token.ToString(),
    };

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static Dictionary<string, IEnumerable<string>> CopyHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        Copy(response.Headers);
        if (response.Content is not null)
        {
            Copy(response.Content.Headers);
        }

        return headers;

        void Copy(HttpHeaders source)
        {
            foreach (var header in source)
            {
                headers[header.Key] = header.Value.ToArray();
            }
        }
    }
}
