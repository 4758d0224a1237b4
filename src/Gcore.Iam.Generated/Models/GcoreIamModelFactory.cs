namespace Gcore.Iam;

/// <summary>
/// Builds the client's response objects for your own unit tests, without a server or the fake (in
/// the style of Azure's <c>...ModelFactory</c>): a model with the members you name
/// (<c>GcoreIamModelFactory.User(id: 7, email: "a@example.com")</c>; one method per model, generated
/// from the spec), a raw answer (<c>Response</c>) and pages (<c>Page</c>, <c>Pageable</c>). Members
/// you leave out keep their defaults.
/// </summary>
public static partial class GcoreIamModelFactory
{
    /// <summary>A raw answer carrying <paramref name="value"/>, as <c>WithRawResponse</c> methods return it.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="value">The typed result.</param>
    /// <param name="statusCode">The status (default 200).</param>
    /// <param name="headers">Response headers; a name given twice keeps both values.</param>
    /// <param name="requestId">Gcore's request id, put into the <c>X-Request-ID</c> header when given.</param>
    /// <param name="attempts">How many attempts the call took (default 1).</param>
    /// <returns>The response.</returns>
    public static GcoreIamResponse<T> Response<T>(
        T value, int statusCode = 200, IEnumerable<KeyValuePair<string, string>>? headers = null, string? requestId = null, int attempts = 1) =>
        new(value, statusCode, HeadersWith(headers, requestId), attempts);

    /// <summary>A raw answer without a body (of an operation such as a delete).</summary>
    /// <param name="statusCode">The status (default 204).</param>
    /// <param name="headers">Response headers; a name given twice keeps both values.</param>
    /// <param name="requestId">Gcore's request id, put into the <c>X-Request-ID</c> header when given.</param>
    /// <param name="attempts">How many attempts the call took (default 1).</param>
    /// <returns>The response.</returns>
    public static GcoreIamResponse Response(
        int statusCode = 204, IEnumerable<KeyValuePair<string, string>>? headers = null, string? requestId = null, int attempts = 1) =>
        new(statusCode, HeadersWith(headers, requestId), attempts);

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> HeadersWith(IEnumerable<KeyValuePair<string, string>>? headers, string? requestId)
    {
        var all = (headers ?? []).ToList();
        if (requestId is not null)
        {
            all.Add(new(GcoreIamResponse.RequestIdHeader, requestId));
        }

        return GcoreIamResponse.HeadersOf(all);
    }
}
