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
            throw new GcoreIamInvalidResponseException(
                $"Could not read the body as {typeof(T).Name}.", status, capture.CapturedText(), ResponseHeaders.Snapshot(new ResponseHeaders(response)), e);
        }

        return value ?? throw new GcoreIamInvalidResponseException(
            $"The body was empty or null where the API promises {typeof(T).Name}.", status, capture.CapturedText(), ResponseHeaders.Snapshot(new ResponseHeaders(response)), null);
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

        public override int Read(Span<byte> buffer) => Keep(buffer[..Inner.Read(buffer)]);

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
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
