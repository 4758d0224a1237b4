namespace Gcore.Iam.Testing.Hosting;

/// <summary>One HTTP/1.1 request as read from the connection: the body is read whole.</summary>
/// <param name="Method">The method as sent.</param>
/// <param name="Target">The request target: the path and query as sent.</param>
/// <param name="Headers">Each header line's name and value, in order.</param>
/// <param name="Body">The body (empty when there is none).</param>
/// <param name="CloseAfter">Whether the client asked to close the connection after the answer.</param>
internal sealed record LoopbackRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body, bool CloseAfter);

/// <summary>A request the fake's loopback server cannot read as HTTP/1.1: answered 400 and the connection closed.</summary>
internal sealed class BadRequestException(string message) : Exception(message);
