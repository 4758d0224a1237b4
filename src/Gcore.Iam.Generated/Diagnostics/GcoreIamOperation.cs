namespace Gcore.Iam.Diagnostics;

/// <summary>
/// What the generated clients know about one operation, made once per operation (a static field of
/// the generated client; templates/Client.Class.liquid): the names its span and metrics carry, and
/// whether its request may be sent again (its <c>x-gcore-resend</c> in the spec).
/// </summary>
internal sealed class GcoreIamOperation
{
    public GcoreIamOperation(string area, string name, HttpMethod method, string path, ResendRule resend, string? resendCheck)
    {
        Name = area + "." + name;
        SpanName = GcoreIamTelemetry.ActivitySourceName + "." + Name;
        HttpMethod = method;
        Method = method.Method;
        UrlTemplate = path.StartsWith('/') ? path : "/" + path;
        Resend = resend;
        ResendCheck = resendCheck;
    }

    /// <summary>Whether the request may be sent again once it may have reached Gcore.</summary>
    public ResendRule Resend { get; }

    /// <summary>For a rule that is not safe: how a caller whose answer was lost sees whether the change was made ("log in with the new password").</summary>
    public string? ResendCheck { get; }

    /// <summary><c>Users.GetUser</c>.</summary>
    public string Name { get; }

    /// <summary><c>Gcore.Iam.Users.GetUser</c>.</summary>
    public string SpanName { get; }

    /// <summary>The request's method.</summary>
    public HttpMethod HttpMethod { get; }

    /// <summary><c>GET</c>.</summary>
    public string Method { get; }

    /// <summary><c>/iam/users/{userId}</c>: low-cardinality, no ids.</summary>
    public string UrlTemplate { get; }

    public override string ToString() => Name;
}
