using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Settings;

namespace Gcore.Iam.Tests.Resilience;

/// <summary>
/// Drives every error path with a recognisable key, through the standalone client and through
/// dependency injection with logging on, and checks that the key appears in no exception message,
/// no ToString(), no error detail and no log line, even when the server echoes it back.
/// </summary>
[TestFixture]
public class SecretLeakTests : GcoreIamTestBase
{
    private const string EchoedKey = "APIKey " + ApiKey;

    public static IEnumerable<TestCaseData> ErrorPaths()
    {
        TestCaseData Path(string name, Action<WireMock.Server.WireMockServer> arrange) => new TestCaseData(arrange).SetName("No leak: " + name);

        yield return Path("401 echoing the header in message", s => Answer(s, 401, $$"""{"message":"Invalid {{EchoedKey}}","request_id":"r-1"}"""));
        yield return Path("403 echoing the bare key in every field", s => Answer(s, 403,
            $$$"""{"message":"{{{ApiKey}}}","exception_class":"Forbidden","request_id":"{{{ApiKey}}}","invalid_fields":{"token":"{{{ApiKey}}}"}}"""));
        yield return Path("404 plain", s => Answer(s, 404, """{"message":"Not found"}"""));
        yield return Path("401 with headers echoing the key", s => s.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("X-Echo-Authorization", EchoedKey).WithHeader("X-Echo-Key", ApiKey)));
        yield return Path("429 with Retry-After", s => s.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "3600").WithBody(EchoedKey)));
        yield return Path("500 HTML page echoing the request headers", s => Answer(s, 500,
            $"<html><body><pre>Authorization: {EchoedKey}</pre></body></html>", "text/html"));
        yield return Path("502 empty", s => Answer(s, 502, ""));
        yield return Path("200 body echoing the key in a wrongly typed field", s => Answer(s, 200,
            $$"""{"id":"{{ApiKey}}","user_id":"{{ApiKey}}","email":"a@example.com","name":null,"phone":null}"""));
        yield return Path("200 HTML echoing the key", s => Answer(s, 200, $"<p>{EchoedKey}</p>", "text/html"));
        yield return Path("dropped connection", s => s.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithFault(FaultType.EMPTY_RESPONSE)));
        yield return Path("slow answer past the timeout", s => s.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithDelay(TimeSpan.FromSeconds(2)).WithBody(EchoedKey)));
    }

    [TestCaseSource(nameof(ErrorPaths))]
    public async Task The_key_appears_nowhere(Action<WireMock.Server.WireMockServer> arrange)
    {
        arrange(Server);
        var log = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(log);
        services.AddGcoreIam(o =>
        {
            o.ApiKey = ApiKey;
            o.BaseUrl = new Uri(Server.Url!);
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(10);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<GcoreIamClient>();
        using var standalone = CreateClient(o =>
        {
            o.LoggerFactory = log;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(10);
        });

        var seen = new List<string>();
        foreach (var c in new[] { client, standalone })
        {
            seen.Add(Describe(Assert.CatchAsync(() => c.Users.GetUserAsync(7))));
            seen.Add(Describe(Assert.CatchAsync(() => c.Users.InviteUserAsync(FaultMatrixTests.Invite()))));
            seen.Add(c.ToString()!);
        }

        Assert.Multiple(() =>
        {
            Assert.That(seen, Has.None.Contains(ApiKey));
            Assert.That(log.Lines, Has.None.Contains(ApiKey));
            Assert.That(log.Lines, Is.Not.Empty, "logging was on, so each failure must have been logged");
        });
    }

    [Test]
    public void Configuration_errors_and_options_do_not_show_the_key()
    {
        var options = new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = new Uri("http://gcore.invalid/") };
        using var client = new GcoreIamClient(options);

        var e = Assert.ThrowsAsync<GcoreIamConfigurationException>(() => client.Users.GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.ToString(), Does.Not.Contain(ApiKey));
            Assert.That(options.ToString(), Does.Not.Contain(ApiKey).And.Contains("(set, redacted)"));
            Assert.That(client.ToString(), Does.Not.Contain(ApiKey));
        });
    }

    [Test]
    public void A_key_with_a_line_break_is_refused_without_quoting_it()
    {
        using var client = CreateClient(o => o.ApiKey = ApiKey + "\r\nX-Injected: 1");

        var e = Assert.ThrowsAsync<GcoreIamConfigurationException>(() => client.Users.GetUserAsync(7))!;

        Assert.That(e.ToString(), Does.Not.Contain(ApiKey));
        Assert.That(Server.LogEntries, Is.Empty);
    }

    private static string Describe(Exception? e)
    {
        Assert.That(e, Is.InstanceOf<GcoreIamException>(), e?.ToString());
        var text = e!.ToString();
        if (e is GcoreIamApiException api)
        {
            text += api.ResponseBody + api.GcoreMessage + api.RequestId + string.Join(",", api.FieldErrors.Values.SelectMany(v => v))
                + string.Join(",", api.Headers.SelectMany(h => h.Value));
        }

        if (e is GcoreIamInvalidResponseException invalid)
        {
            text += invalid.ResponseBody;
        }

        return text;
    }

    private static void Answer(WireMock.Server.WireMockServer server, int status, string body, string contentType = "application/json") =>
        server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));
}
