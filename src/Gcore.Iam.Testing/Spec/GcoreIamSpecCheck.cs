using System.Web;

namespace Gcore.Iam.Testing.Spec;

/// <summary>
/// Checks a request against the client's spec (the one this package was built with) by the rules
/// the fake server applies to every request it gets: the operation exists for the method and path,
/// path and query values have the spec's types and bounds, required query parameters are there, and
/// a JSON body conforms to the operation's body schema. Use it to check that the requests your own
/// code or a mock sees would be valid for Gcore. Enum values the spec does not list are accepted:
/// Gcore adds values over time, and the client sends back what the server sent.
/// <see cref="CheckResponse"/> checks an answer the other way, strictly: every deviation from the
/// spec's statuses and schemas (what <c>gcore-iam verify</c> reports about the live API).
/// </summary>
public static class GcoreIamSpecCheck
{
    /// <summary>What is wrong with the request, or an empty list when it conforms.</summary>
    /// <param name="method">The HTTP method, such as <c>GET</c>.</param>
    /// <param name="path">The absolute path, such as <c>/iam/users/42</c>.</param>
    /// <param name="query">The query string, with or without the leading <c>?</c>, or null.</param>
    /// <param name="body">The request body as sent, or null.</param>
    /// <returns>One line per problem, naming the operation and Gcore's answer to it.</returns>
    public static IReadOnlyList<string> Check(string method, string path, string? query, string? body)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var match = FakeSpec.Current.Match(method, path);
        if (match.Operation is not { } operation)
        {
            return [$"{method} {path}: {(match.MethodNotAllowed ? "the spec has no such method for this path" : "no operation of the spec has this path")}"];
        }

        var values = HttpUtility.ParseQueryString(query ?? "");
        var parsed = values.AllKeys.OfType<string>().ToDictionary(key => key, key => values[key] ?? "", StringComparer.Ordinal);

        var answer = RequestCheck.Check(operation, match.PathValues, parsed, string.IsNullOrEmpty(body) ? null : body, out _, acceptUnknownEnumValues: true);
        return answer is null ? [] : [$"{method} {path} ({operation.Id}): {answer.Status} {answer.Body}"];
    }

    /// <summary>
    /// Every place where an answer parts from the spec, strictly: a status the operation does not
    /// list; for a listed success status, the body against its schema (a member absent or extra, a
    /// wrong type, a whole number written as a float, an enum value the spec lacks, null where not
    /// nullable, another shape). An answer with a listed error status is not checked further.
    /// </summary>
    /// <param name="method">The HTTP method of the request, such as <c>GET</c>.</param>
    /// <param name="path">The request's absolute path, such as <c>/iam/users/42</c>.</param>
    /// <param name="status">The answer's status.</param>
    /// <param name="body">The answer's body as received, or null when it had none.</param>
    /// <returns>The deviations, or an empty list when the answer is what the spec describes.</returns>
    /// <exception cref="ArgumentException">The spec has no operation for <paramref name="method"/> and <paramref name="path"/>.</exception>
    public static IReadOnlyList<GcoreIamSpecDeviation> CheckResponse(string method, string path, int status, string? body)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var operation = FakeSpec.Current.Match(method, path).Operation
            ?? throw new ArgumentException($"No operation of the spec is {method} {path}.", nameof(path));
        return ResponseCheck.Check(operation, status, body);
    }
}
