using System.Buffers;
using System.Text;
using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>
/// Reads a success answer's JSON body for the generated clients (templates/Client.Class.liquid):
/// straight from the response stream with pooled buffers, keeping a copy of the first 4 KB so that
/// a body that cannot be read can be shown in the <see cref="GcoreIamInvalidResponseException"/>.
/// The generated client passes its own (tolerant) serializer; a call whose client asks for strict reading
/// (<see cref="Http.GcoreIamCall.StrictResponses"/>) is read with <see cref="GcoreIamJson.StrictSerializer"/>.
/// The body is read with the call's token (its call timeout and the caller's cancellation).
/// </summary>
internal static class JsonResponse
{
    private const int CapturedBytes = 4096;

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, Http.GcoreIamCall call, JsonSerializer serializer)
    {
        var status = (int)response.StatusCode;
        var operation = call.Operation;
        var cancellationToken = call.CancellationToken;
        if (call.StrictResponses)
        {
            serializer = GcoreIamJson.StrictSerializer;
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var capture = new CapturingStream(stream, CapturedBytes);
        T? value;
        try
        {
            using var text = new StreamReader(capture, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: -1, leaveOpen: true);
            using var json = new WholeNumberJsonReader(text) { ArrayPool = JsonCharPool.Instance, CloseInput = false };
            value = serializer.Deserialize<T>(json);
        }
        catch (JsonException e)
        {
            var (message, advice) = Explain<T>(e, serializer, operation);
            throw new GcoreIamInvalidResponseException(message, status, capture.CapturedText(), ResponseHeaders.Snapshot(new ResponseHeaders(response)), e, advice);
        }

        return value ?? throw new GcoreIamInvalidResponseException(
            $"the answer of {AnswerMembers.Describe(operation)} was empty or null where the API promises {typeof(T).Name}.", status, capture.CapturedText(), ResponseHeaders.Snapshot(new ResponseHeaders(response)), null);
    }

    /// <summary>What could not be read (the operation, the member) and the advice that fits it.</summary>
    private static (string Message, string Advice) Explain<T>(JsonException e, JsonSerializer serializer, Diagnostics.GcoreIamOperation operation)
    {
        var where = AnswerMembers.Describe(operation);
        if (AnswerMembers.PathOf(e) is not { } member)
        {
            return ($"the answer of {where} is not JSON that reads as {typeof(T).Name}.", GcoreIamInvalidResponseException.ProxyAdvice);
        }

        if (e is NotWholeNumberException && AnswerMembers.IsNumberTyped(typeof(T), member, serializer.ContractResolver))
        {
            return ($"'{member}' of the answer of {where} has a fraction.",
                "Gcore's description types this member as a number, but the live API sends whole numbers there, so this client reads it as "
                + "an integer (the spec's x-gcore-fix). Report the answer to the client's maintainers, so that the member can be read as a number.");
        }

        return ($"'{member}' of the answer of {where} does not read as the type the client's spec gives it ({typeof(T).Name} at '{member}').",
            "If Gcore sent this answer, its API changed: update the client, or report the answer to the client's maintainers.");
    }

    /// <summary>A body that may be absent (<see cref="GcoreIamClient.SendAsync"/>): null when the answer has none, otherwise read as <see cref="ReadAsync"/> reads.</summary>
    public static async Task<T?> ReadOptionalAsync<T>(HttpResponseMessage response, Http.GcoreIamCall call, JsonSerializer serializer)
        where T : class =>
        response.StatusCode == System.Net.HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
            ? null
            : await ReadAsync<T>(response, call, serializer).ConfigureAwait(false);

    /// <summary>A 2xx (or 1xx/3xx that got this far) the operation does not document.</summary>
    public static async Task<GcoreIamInvalidResponseException> UnexpectedStatusAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ErrorText.ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        return new GcoreIamInvalidResponseException(
            $"The status {status} is not one this operation answers with.", status, body, ResponseHeaders.Snapshot(new ResponseHeaders(response)), null);
    }

    /// <summary>Passes reads through and keeps the first bytes read, in a pooled buffer.</summary>
    private sealed class CapturingStream(Stream inner, int limit) : Http.ReadOnlyWrapperStream(inner)
    {
        private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(limit);
        private int _captured;

        public string? CapturedText() =>
            _buffer is null || _captured == 0 ? null : Redaction.Redact(Encoding.UTF8.GetString(_buffer, 0, _captured));

        protected override int ReadCore(Span<byte> buffer) => Keep(buffer[..Inner.Read(buffer)]);

        protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            return Keep(buffer.Span[..read]);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }

            base.Dispose(disposing);
        }

        private int Keep(ReadOnlySpan<byte> read)
        {
            if (_buffer is not null && _captured < limit && read.Length > 0)
            {
                var take = Math.Min(read.Length, limit - _captured);
                read[..take].CopyTo(_buffer.AsSpan(_captured));
                _captured += take;
            }

            return read.Length;
        }
    }
}
