using System.Net.Http.Headers;

namespace Gcore.Iam;

/// <summary>
/// Header values the generated clients put on every request, parsed once instead of per call.
/// A header value object is only read when a request is sent, so one instance serves them all.
/// </summary>
internal static class RequestHeaderValues
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    /// <summary>The <c>Accept</c> value for <paramref name="mediaType"/>.</summary>
    public static MediaTypeWithQualityHeaderValue Accept(string mediaType) =>
        mediaType == "application/json" ? Json : MediaTypeWithQualityHeaderValue.Parse(mediaType);
}
