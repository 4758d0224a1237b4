using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Gcore.Iam;

/// <summary>
/// The response headers as the generated clients hand them to exceptions: copied into a dictionary
/// only when read. NSwag's template copied every header of every answer, although only an exception
/// ever reads them (about 1.3 KB per call, benchmarks/RESULTS.md). An exception takes its copy with
/// <see cref="Snapshot"/> while the answer is still open. <see cref="CopyOf"/> is the one copy of
/// response headers in the library: keys compared ignoring case, every value redacted.
/// </summary>
internal sealed class ResponseHeaders(HttpResponseMessage response) : IReadOnlyDictionary<string, IEnumerable<string>>
{
    private Dictionary<string, IEnumerable<string>>? _copy;

    private Dictionary<string, IEnumerable<string>> Copy => _copy ??= CopyOf(response, secret: null);

    public IEnumerable<string> this[string key] => Copy[key];

    public IEnumerable<string> Keys => Copy.Keys;

    public IEnumerable<IEnumerable<string>> Values => Copy.Values;

    public int Count => Copy.Count;

    /// <summary>The headers as a plain dictionary, copied now if <paramref name="headers"/> is a lazy view.</summary>
    public static IReadOnlyDictionary<string, IEnumerable<string>> Snapshot(IReadOnlyDictionary<string, IEnumerable<string>>? headers) =>
        headers switch
        {
            null => new Dictionary<string, IEnumerable<string>>(),
            ResponseHeaders lazy => lazy.Copy,
            _ => headers,
        };

    public bool ContainsKey(string key) => Copy.ContainsKey(key);

    // netstandard2.0's IReadOnlyDictionary is not annotated for nullability; .NET's says what this says.
#pragma warning disable CS8767
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out IEnumerable<string> value) => Copy.TryGetValue(key, out value);
#pragma warning restore CS8767

    public IEnumerator<KeyValuePair<string, IEnumerable<string>>> GetEnumerator() => Copy.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// The response headers, then the content headers, as a dictionary whose keys compare ignoring
    /// case, with <paramref name="secret"/> and anything shaped like a credential redacted from the values.
    /// </summary>
    public static Dictionary<string, IEnumerable<string>> CopyOf(HttpResponseMessage response, string? secret)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        Add(response.Headers);
        if (response.Content?.Headers is { } contentHeaders)
        {
            Add(contentHeaders);
        }

        return headers;

        void Add(System.Net.Http.Headers.HttpHeaders source)
        {
            foreach (var header in source)
            {
                headers[header.Key] = header.Value.Select(value => Redaction.Redact(value, secret)).ToArray();
            }
        }
    }
}
