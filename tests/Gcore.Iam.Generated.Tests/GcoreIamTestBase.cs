using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace Gcore.Iam.Tests;

/// <summary>
/// One WireMock server on loopback per fixture, reset before each test, and a client pointed at it
/// with a recognisable (fake) API key.
/// </summary>
public abstract class GcoreIamTestBase
{
    /// <summary>A made-up key in Gcore's format; tests check it never leaks.</summary>
    protected const string ApiKey = "4242_TestKeyDoNotLeak0123456789abcdef";

    protected WireMockServer Server { get; private set; } = null!;

    protected GcoreIamClient Client { get; private set; } = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        Server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            Logger = new WireMockNullLogger(),
        });
    }

    [OneTimeTearDown]
    public void StopServer() => Server.Dispose();

    [SetUp]
    public void ResetServer()
    {
        Server.Reset();
        Client = CreateClient();
    }

    [TearDown]
    public void DisposeClient() => Client.Dispose();

    protected GcoreIamClient CreateClient(Action<GcoreIamClientOptions>? configure = null)
    {
        var options = new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = new Uri(Server.Url!) };
        configure?.Invoke(options);
        return new GcoreIamClient(options);
    }

    protected static string Fixture(string name) =>
        File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name));
}
