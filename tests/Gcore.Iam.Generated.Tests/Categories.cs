namespace Gcore.Iam.Tests;

/// <summary>The NUnit categories of the contract suite.</summary>
internal static class Categories
{
    /// <summary>
    /// The test needs the transport to send each attempt once: the connection closes (FIN) before any
    /// answer to a request without a body, and the test counts what the server read or relies on the
    /// client knowing that a DELETE was sent twice. The client's .NET builds make <c>SocketsHttpHandler</c>
    /// fail such an attempt (Http/OneRequestPerAttempt.cs); its netstandard2.0 build cannot reach that
    /// filter, so the platform's handler sends the request again on its own (.NET's up to three more
    /// times), below the library. tests/Gcore.Iam.Generated.NetStandard.Tests leaves these tests out.
    /// </summary>
    public const string OneRequestPerAttempt = "OneRequestPerAttempt";
}
