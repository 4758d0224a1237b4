namespace Gcore.Iam.Auth;

/// <summary>
/// What the requests of the current async flow carry instead of the client's credential: nothing
/// (logging in, refreshing), or a given access token (selecting an account right after a login).
/// Set only by <see cref="JwtSession"/> around its own calls, so that they go through the same
/// handlers (errors, retries, headers) without asking the session for a token again.
/// </summary>
internal sealed class AuthScope
{
    private static readonly AsyncLocal<AuthScope?> CurrentScope = new();

    private AuthScope(string? authorization) => Authorization = authorization;

    /// <summary>The scope of the current flow, or null (requests carry the client's credential).</summary>
    public static AuthScope? Current => CurrentScope.Value;

    /// <summary>The <c>Authorization</c> value to send, or null for none.</summary>
    public string? Authorization { get; }

    /// <summary>Requests in the returned scope carry no credentials.</summary>
    public static IDisposable Anonymous() => Enter(new AuthScope(null));

    /// <summary>Requests in the returned scope carry <c>Authorization: Bearer &lt;access&gt;</c>.</summary>
    public static IDisposable Bearer(string access) => Enter(new AuthScope("Bearer " + access));

    private static Restore Enter(AuthScope scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Restore(previous);
    }

    private sealed class Restore(AuthScope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}
