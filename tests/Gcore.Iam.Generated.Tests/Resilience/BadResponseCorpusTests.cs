using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests.Resilience;

/// <summary>
/// The specification of what the client reads from a 2xx body: hostile, broken or merely
/// unexpected bodies. Each ends in a <see cref="GcoreIamInvalidResponseException"/> or in a
/// documented tolerated value; never in any other exception type. <see cref="Rejected"/> cannot be
/// represented; <see cref="RequiredMemberMissing"/> is read as absent by default and rejected with
/// <see cref="GcoreIamClientOptions.StrictResponses"/>; the other <c>Tolerated_</c> tests pin what
/// the default client reads (the whole-number float in strict mode too).
/// </summary>
[TestFixture]
public class BadResponseCorpusTests : GcoreIamTestBase
{
    private const string User = """{"id":7,"email":"a@example.com","name":"A","phone":null""";

    public enum Operation
    {
        GetUser,
        ListUsers,
        Account,
        ListTokens,
        CreateToken,
    }

    /// <summary>
    /// A body the client must reject with <see cref="GcoreIamInvalidResponseException"/> in either
    /// mode: it cannot be represented (not JSON, the wrong JSON type, a number out of range or with a
    /// fraction where an integer goes, trailing text, too deep).
    /// </summary>
    public static IEnumerable<TestCaseData> Rejected()
    {
        TestCaseData Case(string name, Operation call, string body, string contentType = "application/json") =>
            new TestCaseData(call, Encoding.UTF8.GetBytes(body), contentType).SetName("Rejected: " + name);

        yield return Case("truncated JSON", Operation.GetUser, User[..20]);
        yield return Case("empty body", Operation.GetUser, "");
        yield return Case("whitespace only", Operation.GetUser, "   \n ");
        yield return Case("JSON null", Operation.GetUser, "null");
        yield return Case("HTML page from a proxy", Operation.GetUser, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");
        yield return Case("plain text", Operation.GetUser, "OK", "text/plain");
        yield return Case("JSON string", Operation.GetUser, "\"user\"");
        yield return Case("JSON number", Operation.GetUser, "42");
        yield return Case("bare array where an object is expected", Operation.GetUser, "[" + User + "}]");
        yield return Case("id of the wrong type (text)", Operation.GetUser, """{"id":"seven","email":"a@example.com","name":null,"phone":null}""");
        yield return Case("id of the wrong type (object)", Operation.GetUser, """{"id":{},"email":"a@example.com","name":null,"phone":null}""");
        yield return Case("id of the wrong type (boolean)", Operation.GetUser, """{"id":true,"email":"a@example.com"}""");
        yield return Case("id too large for int", Operation.GetUser, """{"id":99999999999,"email":"a@example.com","name":null,"phone":null}""");
        yield return Case("id too large for int, as a float", Operation.GetUser, """{"id":3.0e12,"email":"a@example.com"}""");
        yield return Case("id with a fraction", Operation.GetUser, """{"id":7.5,"email":"a@example.com"}""");
        yield return Case("id with a fraction, as text", Operation.GetUser, """{"id":"7.5","email":"a@example.com"}""");
        yield return Case("email of the wrong type (object)", Operation.GetUser, """{"id":7,"email":{"a":1}}""");
        yield return Case("boolean of the wrong type", Operation.GetUser, User + ""","two_fa":"maybe"}""");
        yield return Case("array of the wrong type (object)", Operation.GetUser, User + ""","groups":{"id":1}}""");
        yield return Case("array of the wrong type (string)", Operation.GetUser, User + ""","auth_types":"password"}""");
        yield return Case("enum value of the wrong type (number)", Operation.GetUser, User + ""","lang":1}""");
        yield return Case("enum item of the wrong type", Operation.GetUser, User + ""","auth_types":[true]}""");
        yield return Case("nesting deeper than 64", Operation.GetUser, User + ""","extra":""" + new string('[', 5000) + new string(']', 5000) + "}");
        yield return Case("trailing garbage after the object", Operation.GetUser, User + "} trailing");
        yield return Case("two objects", Operation.GetUser, User + "}" + User + "}");
        yield return Case("envelope with a text count", Operation.ListUsers, """{"count":"many","results":[]}""");
        yield return Case("a number where the list is", Operation.ListUsers, "7");
        yield return Case("envelope with a fractional count", Operation.ListUsers, """{"count":2.5,"results":[]}""");
        yield return Case("envelope whose results are an object", Operation.ListUsers, """{"count":1,"results":{"id":7}}""");
        yield return Case("object where the token list is", Operation.ListTokens, """{"results":[]}""");
        yield return Case("account status of the wrong type", Operation.Account, """{"id":1,"email":"x@example.com","status":[],"companyName":"X","currentUser":1}""");
        yield return Case("account service statuses as a list", Operation.Account, """{"id":1,"email":"x@example.com","status":"active","companyName":"X","currentUser":1,"serviceStatuses":[]}""");
        yield return Case("HTML with a JSON content type", Operation.Account, "<!DOCTYPE html><html></html>");
    }

    /// <summary>
    /// A body that lacks a member Gcore's description marks required (or has null in it): read as
    /// absent by default, rejected with <see cref="GcoreIamClientOptions.StrictResponses"/>. The
    /// last value is what the default reading gives the member.
    /// </summary>
    public static IEnumerable<TestCaseData> RequiredMemberMissing()
    {
        TestCaseData Case(string name, Operation call, string body, Func<object, object?> member, object? absent) =>
            new TestCaseData(call, body, member, absent).SetName("Required member missing: " + name);

        yield return Case("user without name and phone", Operation.GetUser, """{"id":7,"email":"a@example.com"}""", r => ((User)r).Name, null);
        yield return Case("user without email", Operation.GetUser, """{"id":7,"name":null,"phone":null}""", r => ((User)r).Email, "");
        yield return Case("user with a null email", Operation.GetUser, """{"id":7,"email":null,"name":null,"phone":null}""", r => ((User)r).Email, "");
        yield return Case("user with a null id", Operation.GetUser, """{"id":null,"email":"a@example.com","name":null,"phone":null}""", r => ((User)r).Id, 0);
        yield return Case("page whose user lacks name and phone", Operation.ListUsers, """{"count":1,"next":null,"previous":null,"results":[{"id":7,"email":"a@example.com"}]}""", r => ((UserPage)r).Results[0].Phone, null);
        yield return Case("envelope without results", Operation.ListUsers, """{"count":0,"next":null,"previous":null}""", r => ((UserPage)r).Results.Count, 0);
        yield return Case("envelope without count", Operation.ListUsers, """{"results":[]}""", r => ((UserPage)r).Count, 0);
        yield return Case("account without companyName and currentUser", Operation.Account, """{"id":1,"email":"x@example.com","status":"active"}""", r => ((AccountOverview)r).CompanyName, "");
        yield return Case("token without a name", Operation.ListTokens, """[{"id":3,"exp_date":null}]""", r => ((IList<ApiToken>)r)[0].Name, "");
        yield return Case("token without exp_date", Operation.ListTokens, """[{"id":3,"name":"ci"}]""", r => ((IList<ApiToken>)r)[0].ExpDate, null);
        yield return Case("created token without its secret", Operation.CreateToken, """{"id":3,"name":"ci","exp_date":null}""", r => ((ApiTokenCreated)r).Token, "");
    }

    [TestCaseSource(nameof(Rejected))]
    public void A_broken_body_is_an_invalid_response_error(Operation call, byte[] body, string contentType)
    {
        Serve(call, body, contentType);

        AssertInvalidResponse(() => Invoke(Client, call));
    }

    [TestCaseSource(nameof(Rejected))]
    public void A_broken_body_is_an_invalid_response_error_in_strict_mode_too(Operation call, byte[] body, string contentType)
    {
        Serve(call, body, contentType);
        using var strict = CreateClient(o => o.StrictResponses = true);

        AssertInvalidResponse(() => Invoke(strict, call));
    }

    [TestCaseSource(nameof(RequiredMemberMissing))]
    public async Task Tolerated_a_missing_required_member_reads_as_absent(Operation call, string body, Func<object, object?> member, object? absent)
    {
        Serve(call, body);

        var result = await Invoke(Client, call);

        Assert.That(member(result), Is.EqualTo(absent));
    }

    [TestCaseSource(nameof(RequiredMemberMissing))]
    public void A_missing_required_member_is_an_invalid_response_in_strict_mode(Operation call, string body, Func<object, object?> member, object? absent)
    {
        Serve(call, body);
        using var strict = CreateClient(o => o.StrictResponses = true);

        AssertInvalidResponse(() => Invoke(strict, call));
    }

    [Test]
    public async Task Tolerated_a_whole_number_float_reads_as_an_integer()
    {
        Server.Given(Request.Create().WithPath("/iam/users").UsingGet().WithParam("limit", "10"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"count":137.0,"next":null,"previous":null,"results":[{"id":7.0,"email":"a@example.com","name":null,"phone":null,"client":2.00001E5}]}"""));
        // Strict mode needs every member the description requires: a page without users has them all.
        Server.Given(Request.Create().WithPath("/iam/users").UsingGet().WithParam("limit", "20"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"count":137.0,"next":null,"previous":null,"results":[]}"""));
        using var strict = CreateClient(o => o.StrictResponses = true);

        var page = await Client.Users.ListUsersAsync(10);
        var strictPage = await strict.Users.ListUsersAsync(20);

        Assert.Multiple(() =>
        {
            Assert.That(page.Count, Is.EqualTo(137));
            Assert.That(page.Results[0].Id, Is.EqualTo(7));
            Assert.That(page.Results[0].Client, Is.EqualTo(200001L));
            Assert.That(strictPage.Count, Is.EqualTo(137), "a whole-number float is a number, in strict mode too");
        });
    }

    [Test]
    public async Task Tolerated_a_walk_over_pages_whose_users_lack_members_reads_every_user()
    {
        Server.Given(Request.Create().WithPath("/iam/users").UsingGet().WithParam("offset", "0"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"count":3.0,"results":[{"id":1,"email":"a@example.com"},{"id":2,"email":"b@example.com","name":"B"}]}"""));
        Server.Given(Request.Create().WithPath("/iam/users").UsingGet().WithParam("offset", "2"))
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"count":3,"results":[{"id":3,"phone":"+1"}]}"""));

        var ids = new List<int>();
        await foreach (var user in Client.Users.ListAllUsersAsync(pageSize: 2))
        {
            ids.Add(user.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task Tolerated_unknown_enum_values_stay_visible()
    {
        Serve(Operation.GetUser, User + ""","lang":"fr","user_type":"partner","auth_types":["password","saml"]}""");

        var user = await Client.Users.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(user.Lang.IsKnown, Is.False);
            Assert.That(user.Lang.Value, Is.EqualTo("fr"));
            Assert.That(user.UserType.Value, Is.EqualTo("partner"));
            Assert.That(user.AuthTypes!.Select(a => a.Value), Is.EqualTo(new[] { "password", "saml" }));
        });
    }

    [Test]
    public async Task Tolerated_a_UTF8_byte_order_mark()
    {
        Serve(Operation.GetUser, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(User + "}")]);

        var user = await Client.Users.GetUserAsync(7);

        Assert.That(user.Email, Is.EqualTo("a@example.com"));
    }

    [Test]
    public async Task Tolerated_valid_JSON_under_a_wrong_content_type()
    {
        Serve(Operation.GetUser, Encoding.UTF8.GetBytes(User + "}"), "text/plain");

        var user = await Client.Users.GetUserAsync(7);

        Assert.That(user.Id, Is.EqualTo(7));
    }

    [Test]
    public async Task Tolerated_a_huge_string_is_kept_whole()
    {
        var name = new string('x', 2_000_000);
        Serve(Operation.GetUser, """{"id":7,"email":"a@example.com","phone":null,"name":"__"}""".Replace("__", name, StringComparison.Ordinal));

        var user = await Client.Users.GetUserAsync(7);

        Assert.That(user.Name, Has.Length.EqualTo(2_000_000));
    }

    [Test]
    public async Task Tolerated_numbers_and_booleans_written_as_strings_are_converted()
    {
        Serve(Operation.GetUser, """{"id":"7","email":"a@example.com","name":null,"phone":null,"two_fa":"true","client":"200001"}""");

        var user = await Client.Users.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(7));
            Assert.That(user.TwoFa, Is.True);
            Assert.That(user.Client, Is.EqualTo(200001L));
        });
    }

    [Test]
    public async Task Tolerated_null_in_an_optional_field_reads_as_absent()
    {
        Serve(Operation.GetUser, User + ""","company":null,"groups":null,"lang":null,"two_fa":null}""");

        var user = await Client.Users.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            // company, groups, lang and two_fa are required by the description: null reads as absent, the type's default.
            Assert.That(user.Company, Is.Empty);
            Assert.That(user.Groups, Is.Empty);
            Assert.That(user.Lang.Value, Is.Empty);
            Assert.That(user.TwoFa, Is.False);
        });
    }

    [Test]
    public async Task Tolerated_unknown_members_are_kept_with_their_exact_text()
    {
        Serve(Operation.GetUser, User + ""","since":"2024-01-02T03:04:05Z","ratio":0.1000000000000000055511151231257827}""");

        var user = await Client.Users.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(user.AdditionalProperties["since"]?.ToString(), Is.EqualTo("2024-01-02T03:04:05Z"));
            Assert.That(user.AdditionalProperties["ratio"]?.ToString(), Does.StartWith("0.1000000000000000055511151"));
        });
    }

    [Test]
    public async Task Tolerated_a_duplicate_member_takes_the_last_value()
    {
        Serve(Operation.GetUser, User + ""","email":"b@example.com"}""");

        var user = await Client.Users.GetUserAsync(7);

        Assert.That(user.Email, Is.EqualTo("b@example.com"));
    }

    private void Serve(Operation call, string body) => Serve(call, Encoding.UTF8.GetBytes(body));

    private void Serve(Operation call, byte[] body, string contentType = "application/json")
    {
        var (method, path) = call switch
        {
            Operation.GetUser => ("GET", "/iam/users/7"),
            Operation.ListUsers => ("GET", "/iam/users"),
            Operation.Account => ("GET", "/iam/clients/me"),
            Operation.ListTokens => ("GET", "/iam/v2/clients/5/tokens"),
            Operation.CreateToken => ("POST", "/iam/v2/clients/5/tokens"),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };
        Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));
    }

    private static async Task<object> Invoke(GcoreIamClient client, Operation call) => call switch
    {
        Operation.GetUser => (object)await client.Users.GetUserAsync(7),
        Operation.ListUsers => (object)await client.Users.ListUsersAsync(10),
        Operation.Account => (object)await client.Account.GetAccountOverviewAsync(),
        Operation.ListTokens => (object)await client.ApiTokens.ListApiTokensAsync(5),
        Operation.CreateToken => await client.ApiTokens.CreateApiTokenAsync(5, FaultMatrixTests.NewToken()),
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

    private static void AssertInvalidResponse(Func<Task> call)
    {
        var e = Assert.CatchAsync(call);

        Assert.That(e, Is.TypeOf<GcoreIamInvalidResponseException>(), e?.ToString());
        var invalid = (GcoreIamInvalidResponseException)e!;
        Assert.Multiple(() =>
        {
            Assert.That(invalid.StatusCode, Is.EqualTo(200));
            Assert.That(invalid.Message, Does.StartWith("Gcore answered 200 but the body could not be read"));
        });
    }
}
