using Gcore.Iam.Diagnostics;
using Gcore.Iam.Http;
using Gcore.Iam.Serialization;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam;

public partial class GcoreIamClient
{
    private const string UnknownChangeCheck = "read the resource again";

    private static readonly Lazy<Newtonsoft.Json.JsonSerializer> RawSerializer = new(() =>
    {
        var settings = new Newtonsoft.Json.JsonSerializerSettings();
        GcoreIamJson.Configure(settings);
        return Newtonsoft.Json.JsonSerializer.Create(settings);
    }, isThreadSafe: true);

    /// <summary>
    /// Calls what this client has no method for yet (an operation or a member Gcore published after this
    /// release): <c>await gcore.SendAsync(HttpMethod.Get, "iam/users/42")</c>. The call goes the way of every
    /// typed call: the same credential (API key, or the JWT session), retries, timeouts, error mapping (an
    /// error status is the same <see cref="GcoreIamApiException"/> subclass), redaction, logging, span and metrics.
    /// Resending: the operation table does not know this request, so once it may have reached Gcore it is
    /// not sent again (only a connection that could not be made is retried), unless
    /// <paramref name="options"/> says it is safe (<see cref="GcoreIamRequestOptions.SafeToResend"/>: a read,
    /// or a change that sets absolute values).
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path below the base address, with its query, such as <c>iam/users?limit=10</c> (a leading <c>/</c> is allowed); never an absolute URL.</param>
    /// <param name="body">The request body, written as JSON with the client's settings (a <see cref="JToken"/> is written as it is); null for none.</param>
    /// <param name="options">Per-call options (timeout, retries, extra headers, <see cref="GcoreIamRequestOptions.SafeToResend"/>, <see cref="GcoreIamRequestOptions.NoThrow"/>) over the client's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The answer: its status, headers and request id, and its JSON body as a <see cref="JToken"/> (null when it had none).
    /// With <see cref="GcoreIamRequestOptions.NoThrow"/>, an error answer too: <see cref="GcoreIamResponse.IsError"/>, Gcore's
    /// error in <see cref="GcoreIamResponse.Error"/>, and no body value (<see cref="GcoreIamResponse{T}.Value"/> throws).
    /// </returns>
    /// <exception cref="ArgumentException">The path is empty, absolute, or leaves the base address (<c>..</c>).</exception>
    /// <exception cref="GcoreIamApiException">Gcore answered with an error status (without <see cref="GcoreIamRequestOptions.NoThrow"/>).</exception>
    /// <exception cref="GcoreIamConnectionException">The connection failed (its message says whether the change may have been made).</exception>
    /// <exception cref="GcoreIamTimeoutException">No answer came in time.</exception>
    /// <exception cref="GcoreIamInvalidResponseException">A success answer whose body is not JSON.</exception>
    public virtual async Task<GcoreIamResponse<JToken?>> SendAsync(
        HttpMethod method, string path, object? body = null, GcoreIamRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(method);
        var relative = RelativePath(path);
        var callOptions = options is null ? _requestOptions : GcoreIamRequestOptions.Combine(_requestOptions, options);
        var operation = new GcoreIamOperation(
            "Client", "SendAsync", method, UrlTemplateOf(relative),
            callOptions?.SafeToResend == true ? ResendRule.Safe : ResendRule.Never,
            callOptions?.SafeToResend == true ? null : UnknownChangeCheck);
        using var call = new GcoreIamCall(operation, _callContext, callOptions, cancellationToken) { ErrorAsValue = true };
        if (body is not null)
        {
            call.Content = JsonBody.Create(body, RawSerializer.Value, "application/json");
        }

        call.Headers.Accept.Add(RequestHeaderValues.Accept("application/json"));
        call.RequestUri = new Uri(relative, UriKind.Relative);
        try
        {
            using var response = await call.SendAsync(_httpClient).ConfigureAwait(false);
            if (call.ErrorAnswer is { } error)
            {
                return GcoreIamResponse.Failed<JToken?>(error);
            }

            var value = await JsonResponse.ReadOptionalAsync<JToken>(response, call, RawSerializer.Value).ConfigureAwait(false);
            return GcoreIamResponse.Create(value, response, call.Attempts);
        }
        catch (Exception exception) when (call.Failed(exception, out var replacement))
        {
            throw replacement!;
        }
    }

    /// <summary>The path relative to the base address; refuses what could send the credential elsewhere.</summary>
    private static string RelativePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var relative = path.TrimStart('/');
        var pathPart = relative.Split('?', 2)[0];
        if (relative.Length == 0 || path.StartsWith("//", StringComparison.Ordinal) || Uri.TryCreate(relative, UriKind.Absolute, out _)
            || relative.Contains('\\', StringComparison.Ordinal) || pathPart.Split('/').Any(segment => segment is ".." or "."))
        {
            throw new ArgumentException(
                "The path must be relative to the client's base address (such as iam/users/42), without .. or a scheme: the credential goes only to the base address.",
                nameof(path));
        }

        return relative;
    }

    /// <summary>The span's <c>url.template</c>: the path without its query, each all-digit segment written <c>{id}</c> (low-cardinality).</summary>
    private static string UrlTemplateOf(string relative) =>
        "/" + string.Join('/', relative.Split('?', 2)[0].Split('/').Select(s => s.Length > 0 && s.All(char.IsAsciiDigit) ? "{id}" : s));
}
