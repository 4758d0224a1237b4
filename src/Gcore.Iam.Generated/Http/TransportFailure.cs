namespace Gcore.Iam.Http;

/// <summary>What a failure of the transport means for the request it ended.</summary>
internal enum TransportFailureKind
{
    /// <summary>Not a failure of the transport (the caller's cancellation, a configuration error, a bug).</summary>
    None,

    /// <summary>No connection could be made (refused, the name did not resolve): nothing reached Gcore, so any request may be sent again.</summary>
    NotConnected,

    /// <summary>The connection broke after it was made (a reset, a close before the answer's end): the request may have reached Gcore and taken effect.</summary>
    Broken,
}

/// <summary>
/// The one classification of transport failures: read by the retries (what may be sent again), by the
/// call's error mapping (which exception, and whether the change may have been made), by the reading
/// of a success answer's body, and by the telemetry's <c>error.type</c>.
/// </summary>
internal static class TransportFailure
{
    public static TransportFailureKind Of(Exception exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => TransportFailureKind.NotConnected,
        HttpRequestException or IOException => TransportFailureKind.Broken,
        _ => TransportFailureKind.None,
    };

    /// <summary>OpenTelemetry's <c>error.type</c> of a transport failure: the .NET <see cref="HttpRequestError"/> in snake case, or <c>connection_error</c>.</summary>
    public static string ErrorType(Exception exception) =>
        exception is HttpRequestException { HttpRequestError: var error } && error != HttpRequestError.Unknown
            ? ToSnakeCase(error.ToString())
            : "connection_error";

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
