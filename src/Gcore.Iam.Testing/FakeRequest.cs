namespace Gcore.Iam.Testing;

/// <summary>
/// One request the fake received, for assertions. The API key is not kept: <see cref="Authorized"/>
/// says whether it was the right one.
/// </summary>
/// <param name="Operation">The operation the request matched (<see cref="FakeOperation.Unknown"/> for none).</param>
/// <param name="Method">The HTTP method, upper case.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="Query">The query parameters (the first value of each).</param>
/// <param name="Body">The request body as text, or null when there was none; members that carry a password or a token (<c>password</c>, <c>refresh</c>, ...) read <c>[REDACTED]</c>.</param>
/// <param name="Headers">The request headers (first value of each, names case-insensitive), without <c>Authorization</c>.</param>
/// <param name="Authorized">Whether the request carried good credentials: <c>APIKey &lt;the fake's key&gt;</c>, or <c>Bearer</c> with an access token the fake issued that has not expired (or needed none).</param>
/// <param name="StatusCode">The status the fake answered (0 when it dropped the connection).</param>
/// <param name="Fault">The fault injected into the answer, if any.</param>
public sealed record FakeRequest(
    FakeOperation Operation,
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    string? Body,
    IReadOnlyDictionary<string, string> Headers,
    bool Authorized,
    int StatusCode,
    FakeFaultKind? Fault)
{
    /// <summary>The word before the credential in <c>Authorization</c> (<c>APIKey</c>, <c>Bearer</c>), as sent; null when there was none.</summary>
    public string? AuthScheme { get; init; }
}
