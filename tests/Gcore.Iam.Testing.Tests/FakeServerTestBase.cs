using System.Net.Http.Headers;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing.Tests;

/// <summary>A fresh fake server (default seed) and a client for each test.</summary>
public abstract class FakeServerTestBase
{
    protected GcoreIamFakeServer Fake { get; private set; } = null!;

    protected GcoreIamClient Client { get; private set; } = null!;

    [SetUp]
    public void StartFake()
    {
        Fake = GcoreIamFakeServer.Start();
        Client = Fake.CreateClient(o => o.MaxRetries = 0);
    }

    [TearDown]
    public async Task StopFake()
    {
        Client.Dispose();
        await Fake.DisposeAsync();
    }

    /// <summary>Sends a raw request (no client) and returns the status and the parsed body (null when empty).</summary>
    protected async Task<(int Status, JToken? Body, Dictionary<string, string> Headers)> SendRawAsync(
        HttpMethod method, string pathAndQuery, string? json = null, string? authorization = "default")
    {
        using var http = new HttpClient { BaseAddress = Fake.BaseUrl };
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (authorization == "default")
        {
            request.Headers.TryAddWithoutValidation("Authorization", "APIKey " + Fake.ApiKey);
        }
        else if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return ((int)response.StatusCode, string.IsNullOrEmpty(text) ? null : JToken.Parse(text), headers);
    }
}
