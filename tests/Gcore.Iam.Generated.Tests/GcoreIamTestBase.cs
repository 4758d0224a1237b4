using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Gcore.Iam.Tests;

/// <summary>
/// One WireMock server on loopback per fixture, reset before each test, and a client pointed at it
/// with a recognisable (fake) API key.
/// </summary>
public abstract class GcoreIamTestBase
{
    /// <summary>A made-up key in Gcore's format; tests check it never leaks, and never print it.</summary>
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
        _outsideTheSpec = false;
        Client = CreateClient();
    }

    [TearDown]
    public void DisposeClient() => Client.Dispose();

    /// <summary>Requests checked against the spec in this test run, and the violations found (CI expects 0).</summary>
    internal static int RequestsChecked;

    internal static int Violations;

    /// <summary>
    /// Every request the test sent, as the server saw it, must be valid for the imported spec
    /// (the fake's rules, <see cref="Gcore.Iam.Testing.Spec.GcoreIamSpecCheck"/>): the contract tests
    /// prove on the wire that the client sends what Gcore's description accepts. A test that sends
    /// something else on purpose (to see Gcore's answer to it) says so with <see cref="SendsRequestsOutsideTheSpec"/>.
    /// </summary>
    [TearDown]
    public void RequestsConformToTheSpec()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Passed && TestContext.CurrentContext.Result.Outcome.Status != NUnit.Framework.Interfaces.TestStatus.Inconclusive)
        {
            return;
        }

        var problems = new List<string>();
        foreach (var entry in Server.LogEntries)
        {
            var request = entry.RequestMessage!;
            var path = request.AbsolutePath ?? request.Path ?? "/";
            if (!path.StartsWith("/iam/", StringComparison.Ordinal))
            {
                continue;
            }

            Interlocked.Increment(ref RequestsChecked);
            problems.AddRange(Gcore.Iam.Testing.Spec.GcoreIamSpecCheck.Check(request.Method, path, request.RawQuery, request.Body));
        }

        Interlocked.Add(ref Violations, problems.Count);
        if (problems.Count > 0 && !_outsideTheSpec)
        {
            Assert.Fail("requests outside the spec:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }
    }

    private bool _outsideTheSpec;

    /// <summary>Marks the running test as one that sends a request outside the spec on purpose.</summary>
    protected void SendsRequestsOutsideTheSpec() => _outsideTheSpec = true;

    protected GcoreIamClient CreateClient(Action<GcoreIamClientOptions>? configure = null)
    {
        var options = new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = new Uri(Server.Url!) };
        ConfigureClient(options);
        configure?.Invoke(options);
        return new GcoreIamClient(options);
    }

    /// <summary>Options every client of the fixture starts from (before a test's own changes).</summary>
    protected virtual void ConfigureClient(GcoreIamClientOptions options)
    {
    }

    protected static string FixturePath(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", name);

    /// <summary>A fixture's JSON: its file under Fixtures/, or the example of the schema it is named after (<see cref="FixtureManifest.Text"/>).</summary>
    protected static string Fixture(string name) => FixtureManifest.Text(name);

    protected static JToken FixtureJson(string name) => JToken.Parse(Fixture(name));

    /// <summary>A fixture read into a model, to send as a request body.</summary>
    protected static T FixtureAs<T>(string name) => Newtonsoft.Json.JsonConvert.DeserializeObject<T>(Fixture(name))!;

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with a JSON fixture.</summary>
    protected void Respond(string method, string path, string fixture, int status = 200) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status)
                .WithHeader("Content-Type", "application/json").WithBody(Fixture(fixture)));

    /// <summary>Answers with a raw body and content type.</summary>
    protected void RespondRaw(string method, string path, int status, string? body, string contentType = "application/json")
    {
        var response = Response.Create().WithStatusCode(status);
        if (body is not null)
        {
            response = response.WithHeader("Content-Type", contentType).WithBody(body);
        }

        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
    }

    /// <summary>The one request the server received (fails when there were none or several).</summary>
    protected IRequestMessage SingleRequest()
    {
        var entries = Server.LogEntries.ToList();
        Assert.That(entries, Has.Count.EqualTo(1), "requests received");
        return entries[0].RequestMessage!;
    }

    protected IReadOnlyList<IRequestMessage> ReceivedRequests() =>
        Server.LogEntries.Select(e => e.RequestMessage!).ToList();

    /// <summary>The query string without the leading '?', "" when there is none.</summary>
    protected static string QueryOf(IRequestMessage request) => (request.RawQuery ?? "").TrimStart('?');

    /// <summary>
    /// Asserts the request carried exactly <c>Authorization: APIKey &lt;key&gt;</c>. On failure it
    /// describes the header without printing the key, so the key never reaches test output.
    /// </summary>
    protected static void AssertAuthorization(IRequestMessage request, string expectedKey = ApiKey)
    {
        var values = request.Headers is not null && request.Headers.TryGetValue("Authorization", out var v) ? v.ToArray() : [];
        var ok = values.Length == 1 && string.Equals(values[0], "APIKey " + expectedKey, StringComparison.Ordinal);
        Assert.That(ok, Is.True, $"Authorization header is not 'APIKey <expected key>': {DescribeAuthorization(values)}");
    }

    private static string DescribeAuthorization(string[] values) =>
        values.Length == 0
            ? "absent"
            : string.Join("; ", values.Select(h =>
            {
                var space = h.IndexOf(' ', StringComparison.Ordinal);
                var scheme = space < 0 ? "(no scheme)" : h[..space];
                var key = space < 0 ? h : h[(space + 1)..];
                return $"scheme '{scheme}', key of {key.Length} chars{(key == ApiKey ? " (the test key)" : "")}";
            }));

    /// <summary>Asserts the request body is JSON structurally equal to <paramref name="expected"/>.</summary>
    protected static void AssertJsonBody(IRequestMessage request, JToken expected)
    {
        Assert.That(request.Body, Is.Not.Null.And.Not.Empty, "request body");
        var actual = JToken.Parse(request.Body!);
        Assert.That(JToken.DeepEquals(actual, expected), Is.True,
            $"request body differs.{Environment.NewLine}expected: {expected.ToString(Newtonsoft.Json.Formatting.None)}{Environment.NewLine}actual:   {actual.ToString(Newtonsoft.Json.Formatting.None)}");
        Assert.That(request.Headers!["Content-Type"].Single(), Does.StartWith("application/json"), "Content-Type");
    }

    /// <summary>Asserts <paramref name="text"/> does not contain the test key, without printing either.</summary>
    protected static void AssertNoKey(string? text, string what, string key = ApiKey) =>
        Assert.That(text is not null && text.Contains(key, StringComparison.Ordinal), Is.False, $"{what} contains the API key");
}
