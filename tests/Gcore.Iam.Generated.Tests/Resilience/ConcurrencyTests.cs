using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Types;
using WireMock.Util;

namespace Gcore.Iam.Tests.Resilience;

[TestFixture]
public class ConcurrencyTests : GcoreIamTestBase
{
    [Test]
    public async Task Three_hundred_concurrent_calls_through_one_DI_client_are_all_answered_correctly()
    {
        Server.Given(Request.Create().WithPath(new WireMock.Matchers.RegexMatcher("^/iam/users/[0-9]+$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var id = int.Parse(request.AbsolutePath.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
                return new ResponseMessage
                {
                    StatusCode = (int)HttpStatusCode.OK,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new BodyData
                    {
                        DetectedBodyType = BodyType.String,
                        BodyAsString = $$"""{"id":{{id}},"email":"user{{id}}@example.com","name":"User {{id}}","phone":null}""",
                    },
                };
            }));
        var services = new ServiceCollection();
        services.AddGcoreIam(o =>
        {
            o.ApiKey = ApiKey;
            o.BaseUrl = new Uri(Server.Url!);
        });
        await using var provider = services.BuildServiceProvider();
        var users = provider.GetRequiredService<IUsersClient>();

        var ids = Enumerable.Range(1, 300).ToArray();
        var results = await Task.WhenAll(ids.Select(id => users.GetUserAsync(id)));

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(u => u.Id), Is.EqualTo(ids));
            Assert.That(results.Select(u => u.Email), Is.EqualTo(ids.Select(i => $"user{i}@example.com")));
            Assert.That(Server.LogEntries.Count, Is.EqualTo(300));
            Assert.That(Server.LogEntries.Select(e => e.RequestMessage!.Headers!["Authorization"].Single()), Has.All.EqualTo("APIKey " + ApiKey));
        });
    }
}
