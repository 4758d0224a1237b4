namespace Gcore.Iam;

/// <summary>
/// Builds the client's response objects for your own unit tests, without a server or the fake (in
/// the style of Azure's <c>...ModelFactory</c>): a model with the members you name
/// (<c>GcoreIamModelFactory.User(id: 7, email: "a@example.com")</c>; one method per model, generated
/// from the spec), a raw answer (<c>Response</c>) and pages (<c>Page</c>, <c>Pageable</c>), so that
/// a mock of <see cref="IUsersClient"/> can answer what the real client would. Members
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
    public static GcoreIamResponse ResponseWithoutBody(
        int statusCode = 204, IEnumerable<KeyValuePair<string, string>>? headers = null, string? requestId = null, int attempts = 1) =>
        new(statusCode, HeadersWith(headers, requestId), attempts);

    /// <summary>
    /// An error answer, as <c>WithRawResponse</c> methods return it with <see cref="GcoreIamRequestOptions.NoThrow"/>:
    /// <see cref="GcoreIamResponse.IsError"/>, <paramref name="error"/> as <see cref="GcoreIamResponse.Error"/>, and
    /// <see cref="GcoreIamResponse{T}.Value"/> throwing the exception <see cref="GcoreIamApiException.Create(GcoreIamErrorDetails)"/> makes of it.
    /// </summary>
    /// <typeparam name="T">The result type of the operation.</typeparam>
    /// <param name="error">The error's details (status, Gcore's message, headers, ...); its status is not 2xx.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The status is a success (2xx).</exception>
    public static GcoreIamResponse<T> FailedResponse<T>(GcoreIamErrorDetails error) => new(ErrorOf(error));

    /// <summary>An error answer of an operation without a body (see <see cref="FailedResponse{T}(GcoreIamErrorDetails)"/>).</summary>
    /// <param name="error">The error's details (status, Gcore's message, headers, ...); its status is not 2xx.</param>
    /// <returns>The response.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The status is a success (2xx).</exception>
    public static GcoreIamResponse FailedResponseWithoutBody(GcoreIamErrorDetails error) => new(ErrorOf(error));

    /// <summary>A page of a list, as <see cref="GcoreIamPageable{T}.AsPages"/> yields it.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="values">The items.</param>
    /// <param name="offset">The offset of the first item.</param>
    /// <param name="nextOffset">The offset to continue from; null for the last page.</param>
    /// <param name="totalCount">The total the server reported.</param>
    /// <param name="rawResponse">The answer the page came in (a 200 without headers when not given).</param>
    /// <returns>The page.</returns>
    public static GcoreIamPage<T> Page<T>(IEnumerable<T> values, int offset = 0, int? nextOffset = null, int? totalCount = null, GcoreIamResponse? rawResponse = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(values.ToList().AsReadOnly(), offset, nextOffset, totalCount, rawResponse ?? ResponseWithoutBody(200));
    }

    /// <summary>
    /// A list made of <paramref name="pages"/>, as a <c>ListAll...Async</c> method returns it:
    /// enumerating it gives their items; <c>AsPages(offset)</c> starts at the page holding that offset.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pages">The pages, in order.</param>
    /// <returns>The pageable.</returns>
    public static GcoreIamPageable<T> Pageable<T>(params IEnumerable<GcoreIamPage<T>> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return new GcoreIamPageable<T>.FromPages(pages.ToList());
    }

    /// <summary>A list of one page per group of <paramref name="values"/>, offsets and totals worked out.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="pageSize">Items per page.</param>
    /// <param name="values">Every item of the list.</param>
    /// <returns>The pageable.</returns>
    public static GcoreIamPageable<T> Pageable<T>(int pageSize, IEnumerable<T> values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentNullException.ThrowIfNull(values);
        var all = values.ToList();
        var pages = all.Chunk(pageSize)
            .Select((chunk, i) => Page(chunk, i * pageSize, (i + 1) * pageSize < all.Count ? (i + 1) * pageSize : null, all.Count))
            .DefaultIfEmpty(Page(Array.Empty<T>(), 0, null, 0));
        return Pageable(pages);
    }

    private static GcoreIamApiException ErrorOf(GcoreIamErrorDetails error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.StatusCode is >= 200 and <= 299)
        {
            throw new ArgumentOutOfRangeException(nameof(error), error.StatusCode, "An error answer has a status other than 2xx; build a success with Response or ResponseWithoutBody.");
        }

        return GcoreIamApiException.Create(error);
    }

    private static Dictionary<string, IEnumerable<string>> HeadersWith(IEnumerable<KeyValuePair<string, string>>? headers, string? requestId)
    {
        var all = (headers ?? []).ToList();
        if (requestId is not null)
        {
            all.Add(new(GcoreIamResponse.RequestIdHeader, requestId));
        }

        return GcoreIamResponse.HeadersOf(all);
    }
}
