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
        HttpRequestException e when IsNotConnected(e) => TransportFailureKind.NotConnected,
        HttpRequestException or IOException => TransportFailureKind.Broken,
        _ => TransportFailureKind.None,
    };

    /// <summary>OpenTelemetry's <c>error.type</c> of a transport failure: the .NET <c>HttpRequestError</c> in snake case, or <c>connection_error</c>.</summary>
    public static string ErrorType(Exception exception) =>
        exception is HttpRequestException e && ErrorName(e) is { } name ? name : "connection_error";

#if NET
    private static bool IsNotConnected(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;

    private static string? ErrorName(HttpRequestException e) =>
        e.HttpRequestError == HttpRequestError.Unknown ? null : ToSnakeCase(e.HttpRequestError.ToString());

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
#else
    // netstandard2.0 and .NET Framework have no HttpRequestError: the cause the platform's handler wraps
    // says it (a SocketException on .NET's HttpClientHandler, a WebException on .NET Framework's). Only a
    // cause that happens before a request is written counts as "not connected"; anything else (a reset,
    // a time-out) counts as a broken connection, so a change that may not be sent twice is not.
    private static bool IsNotConnected(HttpRequestException e) => ErrorName(e) is "connection_error" or "name_resolution_error";

    private static string? ErrorName(HttpRequestException e)
    {
        for (Exception? cause = e.InnerException; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.NoData }:
                case System.Net.WebException { Status: System.Net.WebExceptionStatus.NameResolutionFailure or System.Net.WebExceptionStatus.ProxyNameResolutionFailure }:
                    return "name_resolution_error";
                case System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.AddressNotAvailable }:
                case System.Net.WebException { Status: System.Net.WebExceptionStatus.ConnectFailure }:
                    return "connection_error";
            }
        }

        return null;
    }
#endif
}
