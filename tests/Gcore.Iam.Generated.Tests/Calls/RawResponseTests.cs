using System.Reflection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests.Calls;

/// <summary>
/// <c>WithRawResponse</c>: every operation answers its typed result with the status, headers and
/// Gcore's request id; the plain methods are unchanged.
/// </summary>
[TestFixture]
public class RawResponseTests : GcoreIamTestBase
{
    private const string UserJson = """{"id":7,"email":"a@example.com","name":"A","phone":null}""";

    [Test]
    public async Task A_read_gives_the_result_with_status_headers_and_request_id()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithHeader("X-Request-ID", "req-123").WithHeader("X-RateLimit-Remaining", "41").WithBody(UserJson));

        var response = await Client.Users.WithRawResponse.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Email, Is.EqualTo("a@example.com"));
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.RequestId, Is.EqualTo("req-123"));
            Assert.That(response.Headers["x-ratelimit-remaining"], Is.EqualTo(new[] { "41" }), "headers are case-insensitive");
            Assert.That(response.Headers["Content-Type"].Single(), Does.StartWith("application/json"), "content headers too");
            Assert.That(response.Attempts, Is.EqualTo(1));
            Assert.That(response.ToString(), Is.EqualTo("GcoreIamResponse { StatusCode = 200, RequestId = req-123, Attempts = 1 }"));
        });
    }

    [Test]
    public async Task An_operation_without_a_body_gives_its_status_and_headers()
    {
        Server.Given(Request.Create().WithPath("/iam/v2/clients/5/tokens/9").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(204).WithHeader("X-Request-ID", "del-1"));

        GcoreIamResponse response = await Client.ApiTokens.WithRawResponse.DeleteApiTokenAsync(5, 9);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(204));
            Assert.That(response.RequestId, Is.EqualTo("del-1"));
        });
    }

    [Test]
    public async Task A_retried_call_reports_its_attempts_and_the_last_answer()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("r").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("X-Request-ID", "first"));
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet()).InScenario("r").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("X-Request-ID", "second").WithBody(UserJson));
        using var client = CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(5));

        var response = await client.Users.WithRawResponse.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(response.Attempts, Is.EqualTo(2));
            Assert.That(response.RequestId, Is.EqualTo("second"));
        });
    }

    [Test]
    public void Errors_stay_the_library_exceptions()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Request-ID", "nf").WithBody("""{"message":"Not found"}"""));

        var e = Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.WithRawResponse.GetUserAsync(7))!;

        Assert.That(e.RequestId, Is.EqualTo("nf"));
    }

    [Test]
    public void Every_operation_has_a_raw_twin_with_the_same_parameters()
    {
        var pairs = new[]
        {
            (typeof(IUsersClient), typeof(IUsersClientWithRawResponse)),
            (typeof(IApiTokensClient), typeof(IApiTokensClientWithRawResponse)),
            (typeof(IAccountClient), typeof(IAccountClientWithRawResponse)),
        };
        foreach (var (plain, raw) in pairs)
        {
            var operations = plain.GetMethods().Where(m => m.ReturnType.IsAssignableTo(typeof(Task))).ToList();
            Assert.That(operations, Is.Not.Empty);
            foreach (var operation in operations)
            {
                var parameters = operation.GetParameters().Select(p => p.ParameterType).ToArray();
                var twin = raw.GetMethod(operation.Name, parameters);
                Assert.That(twin, Is.Not.Null, $"{raw.Name}.{operation.Name}");
                var expected = operation.ReturnType.IsGenericType
                    ? typeof(Task<>).MakeGenericType(typeof(GcoreIamResponse<>).MakeGenericType(operation.ReturnType.GetGenericArguments()[0]))
                    : typeof(Task<GcoreIamResponse>);
                Assert.That(twin!.ReturnType, Is.EqualTo(expected), $"{raw.Name}.{operation.Name}");
            }
        }
    }

    [Test]
    public void The_plain_methods_keep_their_signatures()
    {
        var get = typeof(IUsersClient).GetMethod(nameof(IUsersClient.GetUserAsync), BindingFlags.Public | BindingFlags.Instance)!;
        Assert.That(get.ReturnType, Is.EqualTo(typeof(Task<User>)));
        Assert.That(get.GetParameters().Select(p => p.ParameterType), Is.EqualTo(new[] { typeof(int), typeof(CancellationToken) }));
    }
}
