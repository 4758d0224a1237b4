using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gcore.Iam.Tests.Resilience;

/// <summary>Plain HTTP, redirects, and caller input checked before anything is sent.</summary>
[TestFixture]
public class SecurityAndInputTests : GcoreIamTestBase
{
    [Test]
    public void Plain_http_to_a_host_that_is_not_loopback_is_refused_before_sending()
    {
        using var client = CreateClient(o => o.BaseUrl = new Uri("http://gcore.invalid/"));

        var e = Assert.ThrowsAsync<GcoreIamConfigurationException>(() => client.Users.GetUserAsync(7))!;

        Assert.That(e.Message, Does.Contain("plain HTTP").And.Contain("AllowInsecureHttp"));
    }

    [Test]
    public void Plain_http_to_another_host_goes_out_only_with_the_explicit_opt_out()
    {
        using var client = CreateClient(o =>
        {
            o.BaseUrl = new Uri("http://gcore.invalid/");
            o.AllowInsecureHttp = true;
            o.MaxRetries = 0;
        });

        // The request is attempted (and fails to resolve the reserved .invalid name) instead of being refused.
        Assert.ThrowsAsync<GcoreIamConnectionException>(() => client.Users.GetUserAsync(7));
    }

    [Test]
    public void A_redirect_is_not_followed_and_the_key_does_not_reach_the_other_host()
    {
        using var other = WireMockServer.Start();
        other.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody("{}"));
        var elsewhere = other.Url!.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", elsewhere + "/iam/users/7"));

        var e = Assert.ThrowsAsync<GcoreIamApiException>(() => Client.Users.GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(302));
            Assert.That(e.Message, Does.Contain("GCORE_BASE_URL"));
            Assert.That(other.LogEntries, Is.Empty);
        });
    }

    [Test]
    public async Task With_a_transport_that_follows_redirects_the_key_is_not_sent_to_the_other_host()
    {
        using var other = WireMockServer.Start();
        other.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBody("""{"id":7,"email":"a@example.com","name":null,"phone":null}"""));
        var elsewhere = other.Url!.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", elsewhere + "/iam/users/7"));
        using var transport = new SocketsHttpHandler { AllowAutoRedirect = true };
        using var client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = new Uri(Server.Url!) }, transport);

        await client.Users.GetUserAsync(7);

        var followed = other.LogEntries.Single().RequestMessage!;
        Assert.That(followed.Headers!.ContainsKey("Authorization"), Is.False);
    }

    public static IEnumerable<TestCaseData> BadInput()
    {
        TestCaseData Case(string parameter, Func<GcoreIamClient, Task> call) => new TestCaseData(call, parameter).SetName("Bad input: " + parameter);

        yield return Case("limit", c => c.Users.ListUsersAsync(0));
        yield return Case("limit", c => c.Users.ListUsersAsync(1001));
        yield return Case("offset", c => c.Users.ListUsersAsync(10, -1));
        yield return Case("pageSize", c => c.Users.ListAllUsersAsync(0).GetAsyncEnumerator().MoveNextAsync().AsTask());
        yield return Case("update", c => c.Users.UpdateUserAsync(7, null!));
        yield return Case("update.Email", c => c.Users.UpdateUserAsync(7, new UserUpdate { Email = " " }));
        yield return Case("invite.Email", c => c.Users.InviteUserAsync(new UserInvite { ClientId = 5, UserRole = new UserGroup { Id = 2 } }));
        yield return Case("invite.UserRole", c => c.Users.InviteUserAsync(new UserInvite { ClientId = 5, Email = "a@example.com", UserRole = null! }));
        yield return Case("token.Name", c => c.ApiTokens.CreateApiTokenAsync(5, new ApiTokenCreate
        {
            ClientUser = new ApiTokenRole { Role = new UserGroup { Id = 1 } },
        }));
        yield return Case("token.ClientUser.Role", c => c.ApiTokens.CreateApiTokenAsync(5, new ApiTokenCreate { Name = "ci", ClientUser = new ApiTokenRole() }));
        yield return Case("token.ExpDate", c => c.ApiTokens.CreateApiTokenAsync(5, new ApiTokenCreate
        {
            Name = "ci",
            ClientUser = new ApiTokenRole { Role = new UserGroup { Id = 1 } },
            ExpDate = "next tuesday",
        }));
    }

    [TestCaseSource(nameof(BadInput))]
    public void Bad_input_fails_with_an_argument_error_naming_it_before_anything_is_sent(Func<GcoreIamClient, Task> call, string parameter)
    {
        var e = Assert.CatchAsync<ArgumentException>(() => call(Client))!;

        Assert.That(e.ParamName, Is.EqualTo(parameter));
        Assert.That(Server.LogEntries, Is.Empty);
    }

    // Ids are Gcore's: its description allows any integer, and Gcore answers an unknown one with 404.
    // The client sends them as they are (a guard meant for input would refuse ids Gcore itself issued).
    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MaxValue)]
    public void An_id_of_any_value_is_sent_as_it_is(int id)
    {
        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"message":"Not found."}"""));
        if (id < 0)
        {
            SendsRequestsOutsideTheSpec(); // the spec checker matches path ids of digits, as Gcore's router does (so Gcore answers 404)
        }

        var text = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.GetUserAsync(id));
        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.ApiTokens.GetApiTokenAsync(id, id));
        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.InviteUserAsync(new UserInvite { ClientId = id, Email = "a@example.com", UserRole = new UserGroup { Id = id } }));

        var paths = Server.LogEntries.Select(e => e.RequestMessage!.Path).ToList();
        Assert.That(paths, Is.EqualTo(new[] { $"/iam/users/{text}", $"/iam/v2/clients/{text}/tokens/{text}", "/iam/clients/invite_user" }));
    }

    // The operation table declares it, with its reason, on every id of every path (x-gcore-bounds), so the
    // generated guards and the fake's request check have no bound to apply.
    [Test]
    public void Every_id_in_a_path_is_declared_unbounded_with_its_reason()
    {
        var ids = Operation.Spec.Operations
            .SelectMany(o => o.Operation.ActualParameters.Select(p => (Operation: o.Operation.OperationId, Parameter: p)))
            .Where(p => p.Parameter.Kind == NSwag.OpenApiParameterKind.Path && p.Parameter.Schema.Type.HasFlag(NJsonSchema.JsonObjectType.Integer))
            .ToList();

        Assert.That(ids, Is.Not.Empty);
        Assert.Multiple(() =>
        {
            foreach (var (operation, parameter) in ids)
            {
                Assert.That(parameter.Schema.Minimum, Is.Null, $"{operation} {parameter.Name}");
                Assert.That(parameter.Schema.Maximum, Is.Null, $"{operation} {parameter.Name}");
                Assert.That(parameter.ExtensionData?.TryGetValue("x-gcore-bounds", out var reason) == true ? reason as string : null,
                    Does.Contain("404"), $"{operation} {parameter.Name}");
            }
        });
    }

    [Test]
    public void A_missing_key_is_a_configuration_error_before_anything_is_sent()
    {
        using var client = CreateClient(o => o.ApiKey = null);

        var e = Assert.ThrowsAsync<GcoreIamConfigurationException>(() => client.Users.GetUserAsync(7))!;

        Assert.That(e.Message, Does.Contain("GCORE_API_KEY"));
        Assert.That(Server.LogEntries, Is.Empty);
    }

    [TestCase("ftp://example.com/")]
    [TestCase("/relative/")]
    public void A_base_url_that_is_not_absolute_http_is_refused_at_construction(string url)
    {
        var options = new GcoreIamClientOptions { ApiKey = ApiKey, BaseUrl = new Uri(url, UriKind.RelativeOrAbsolute) };

        Assert.Throws<GcoreIamConfigurationException>(() => new GcoreIamClient(options).Dispose());
    }
}
