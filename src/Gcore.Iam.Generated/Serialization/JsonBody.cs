using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Gcore.Iam.Serialization;

/// <summary>
/// A request body written by the client's shared serializer straight into UTF-8 bytes, with pooled
/// char buffers. NSwag's template built a string with <c>JsonConvert.SerializeObject</c> (which also
/// picks up an application's global <c>JsonConvert.DefaultSettings</c>) and then encoded it again.
/// </summary>
internal static class JsonBody
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static ByteArrayContent Create(object value, JsonSerializer serializer, string mediaType)
    {
        var buffer = new MemoryStream(256);
        using (var text = new StreamWriter(buffer, Utf8, bufferSize: 256, leaveOpen: true))
        using (var json = new JsonTextWriter(text) { ArrayPool = JsonCharPool.Instance })
        {
            serializer.Serialize(json, value);
        }

        var content = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }
}
