namespace Gcore.Iam.Diagnostics;

/// <summary>
/// What the generated clients know about one operation, made once per operation (a static field of
/// the generated client; templates/Client.Class.liquid): the names its span and metrics carry.
/// </summary>
internal sealed class GcoreIamOperation
{
    public GcoreIamOperation(string area, string name, HttpMethod method, string path, bool anonymous = false)
    {
        Anonymous = anonymous;
        Name = area + "." + name;
        SpanName = GcoreIamTelemetry.ActivitySourceName + "." + Name;
        Method = method.Method;
        UrlTemplate = path.StartsWith('/') ? path : "/" + path;
    }

    /// <summary><c>Users.GetUser</c>.</summary>
    public string Name { get; }

    /// <summary><c>Gcore.Iam.Users.GetUser</c>.</summary>
    public string SpanName { get; }

    /// <summary><c>GET</c>.</summary>
    public string Method { get; }

    /// <summary><c>/iam/users/{userId}</c>: low-cardinality, no ids.</summary>
    public string UrlTemplate { get; }

    /// <summary>
    /// Whether the spec gives the operation <c>security: []</c> (logging in, refreshing, the password
    /// reset mail): its requests carry no credentials (<see cref="Http.GcoreIamRequestHandler"/>).
    /// </summary>
    public bool Anonymous { get; }

    public override string ToString() => Name;
}
