// TODO(lead): when the Gcore.Iam.Testing package is packed into the feed (the fake branch), delete this
// file and use that package instead, as its users will: in Gcore.Iam.Consumer.csproj replace the
// WireMock.Net.Minimal reference with <PackageReference Include="Gcore.Iam.Testing" Version="$(GcoreIamVersion)" />,
// and in Program.cs start `GcoreIamFakeServer.Start(seed)` (BaseUrl, ApiKey and Requests are there too),
// with a GcoreIamFakeSeed holding the two users (101 Anna Schmidt, 102 Li Wei, en) and the account
// (200001 Example GmbH, active, current user 101) that Program.cs checks, or change the expected values
// to the default seed's. Program.cs uses only Start, BaseUrl, ApiKey and the requests seen: its request
// checks then read FakeRequest (Method, Path, Query["limit"], Authorized) instead of SeenRequest.
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Gcore.Iam.Consumer;

/// <summary>A minimal Gcore IAM fake on 127.0.0.1 (any free port): two users and one account, for one key.</summary>
internal sealed class FakeIamServer : IDisposable
{
    /// <summary>A made-up key in Gcore's format.</summary>
    public const string ApiKey = "4242_ConsumerTestKey0123456789abcdef";

    private const string UsersPage = """
        {
          "count": 2, "next": null, "previous": null,
          "results": [
            { "id": 101, "email": "anna.schmidt@example.com", "name": "Anna Schmidt", "phone": "+49 30 1234567", "lang": "de", "client": 200001,
              "activated": true, "deleted": false, "user_type": "common", "auth_types": ["password"] },
            { "id": 102, "email": "li.wei@example.com", "name": "Li Wei", "phone": null, "lang": "en", "client": 200001,
              "activated": true, "deleted": false, "user_type": "common", "auth_types": ["sso"] }
          ]
        }
        """;

    private const string Account = """
        {
          "id": 200001, "email": "billing@example.com", "status": "active", "companyName": "Example GmbH",
          "currentUser": 101, "deleted": false, "is_test": false, "has_active_admin": true,
          "capabilities": ["CDN"], "serviceStatuses": {}, "freeFeatures": {}, "paidFeatures": {}, "users": []
        }
        """;

    private readonly WireMockServer _server;

    private FakeIamServer(WireMockServer server) => _server = server;

    /// <summary>The server's base URL, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl => new(_server.Url! + "/");

    /// <summary>Starts the fake on a free loopback port.</summary>
    /// <returns>The running fake.</returns>
    public static FakeIamServer Start()
    {
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            Logger = new WireMockNullLogger(),
        });
        server.Given(Request.Create().UsingGet().WithPath("/iam/users").WithParam("limit", "10").WithHeader("Authorization", "APIKey " + ApiKey))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(UsersPage));
        server.Given(Request.Create().UsingGet().WithPath("/iam/clients/me").WithHeader("Authorization", "APIKey " + ApiKey))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Account));
        return new FakeIamServer(server);
    }

    /// <summary>The requests that reached the server, in order.</summary>
    /// <returns>Method, path with query, and the Authorization header of each.</returns>
    public IReadOnlyList<SeenRequest> Requests() =>
    [
        .. _server.LogEntries.OrderBy(e => e.RequestMessage!.DateTime).Select(e => new SeenRequest(
            e.RequestMessage!.Method,
            e.RequestMessage.AbsolutePath + (string.IsNullOrEmpty(e.RequestMessage.RawQuery) ? "" : "?" + e.RequestMessage.RawQuery.TrimStart('?')),
            e.RequestMessage.Headers is { } headers && headers.TryGetValue("Authorization", out var values) ? string.Join(",", values) : null)),
    ];

    /// <inheritdoc/>
    public void Dispose() => _server.Dispose();
}

/// <summary>One request the fake received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path and query string.</param>
/// <param name="Authorization">The Authorization header, if any.</param>
internal sealed record SeenRequest(string Method, string PathAndQuery, string? Authorization);
