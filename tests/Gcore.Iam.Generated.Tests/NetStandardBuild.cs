using System.Diagnostics;

namespace Gcore.Iam.Tests;

/// <summary>
/// What this suite cannot check when tests/Gcore.Iam.Generated.NetStandard.Tests compiles it against
/// the netstandard2.0 build of the client (with <c>GCORE_IAM_NETSTANDARD</c>): each reason once, and the
/// one way a test says so. Such a test is reported as skipped there, with its reason; against the
/// .NET builds it runs as always.
/// </summary>
internal static class NetStandardBuild
{
    /// <summary>
    /// One request per attempt rests on the SocketsHttpHandler connection filter (OneRequestPerAttempt),
    /// which the netstandard2.0 build does not have: the platform's HttpClientHandler sends a request
    /// without a body again, below the library, when the connection closes before any answer (.NET's
    /// own handler up to three more times; .NET Framework's may as well). The server then sees more
    /// requests than the attempts the client counts, and a DELETE resent that way is not known to the
    /// library as a retry (README, "Older runtimes").
    /// </summary>
    public const string PlatformHandlerResends =
        "the netstandard2.0 build has no SocketsHttpHandler connection filter: the platform's handler sends a request without a body again when the connection closes before the answer";

    /// <summary>
    /// Skips the running test, with <paramref name="reason"/>, when <paramref name="applies"/>; only in the
    /// suite built against the netstandard2.0 build (elsewhere the call is not compiled in).
    /// </summary>
    [Conditional("GCORE_IAM_NETSTANDARD")]
    public static void SkipWhen(bool applies, string reason)
    {
        if (applies)
        {
            Assert.Ignore("Not checked on the netstandard2.0 build: " + reason + ".");
        }
    }
}
