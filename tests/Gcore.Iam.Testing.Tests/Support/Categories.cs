namespace Gcore.Iam.Testing.Tests;

/// <summary>The NUnit categories of the fake's test suite.</summary>
internal static class Categories
{
    /// <summary>
    /// The test needs the transport to send each attempt once: it drops a connection (FIN) after the
    /// server read a request without a body, on a connection used before. The client's .NET builds
    /// make <c>SocketsHttpHandler</c> fail such an attempt (Http/OneRequestPerAttempt.cs); its
    /// netstandard2.0 build cannot reach that filter, so the handler sends the request again on its own
    /// and the fake sees it twice. tests/Gcore.Iam.Testing.NetStandard.Tests leaves these tests out.
    /// </summary>
    public const string OneRequestPerAttempt = "OneRequestPerAttempt";
}
