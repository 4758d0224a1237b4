using System.Net;

namespace Gcore.Iam.SpecTool.Update;

/// <summary>
/// Reads Gcore's description from a file, or downloads it from an <c>https</c> URL. Plain
/// <c>http</c> is refused: a description is what the client is generated from, so it must come
/// over a connection that proves where it came from. The tests serve it from a loopback server
/// through <see cref="AllowLoopbackHttpForTests"/>.
/// </summary>
internal static class SourceReader
{
    private const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The test seam: when true, <c>http://127.0.0.1</c> (and other loopback addresses) are read too. Never set outside tests.</summary>
    internal static bool AllowLoopbackHttpForTests { get; set; }

    public static bool IsUrl(string source) =>
        source.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    public static async Task<byte[]> ReadAsync(string source, CancellationToken cancellationToken = default)
    {
        if (!IsUrl(source))
        {
            return await File.ReadAllBytesAsync(source, cancellationToken).ConfigureAwait(false);
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri))
        {
            throw new ArgumentException($"--source {source} is not a URL.");
        }

        var loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && AllowLoopbackHttpForTests && IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip);
        if (uri.Scheme != Uri.UriSchemeHttps && !loopbackHttp)
        {
            throw new ArgumentException($"--source {source}: a description is downloaded over HTTPS only; give an https:// URL or a file.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2), MaxResponseContentBufferSize = MaxBytes };
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new IOException($"Downloading {source} failed: {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"Downloading {source} failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new IOException($"Downloading {source} took longer than {http.Timeout.TotalMinutes} minutes.", e);
        }
    }
}
