using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests.Resilience;

/// <summary>
/// The client reads 32-bit integers through Newtonsoft's own integer path and looks again only at a
/// value Newtonsoft refuses (Serialization/WholeNumberJsonReader.cs): these pin that every form a
/// whole number may take is read, in any position, and that reading goes on correctly after one.
/// </summary>
[TestFixture]
public class WholeNumberReadingTests : GcoreIamTestBase
{
    [Test]
    public async Task Whole_numbers_as_floats_exponents_and_text_read_as_integers_and_the_rest_of_the_body_still_reads()
    {
        Server.Given(Request.Create().WithPath("/iam/users").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(
                """{"count":"3","next":null,"previous":null,"results":["""
                + """{"id":7.0,"email":"a@example.com","groups":[{"id":"2.0","name":"Users"}],"reseller":1e1},"""
                + """{"id":"8","email":"b@example.com","client_and_roles":[{"client_id":2.5e2,"user_id":8,"user_roles":["1"]}]},"""
                + """{"id":-0.0,"email":"c@example.com","groups":[{"id":5,"name":"Engineers"}]}]}"""));

        var page = await Client.Users.ListUsersAsync(10);

        Assert.Multiple(() =>
        {
            Assert.That(page.Count, Is.EqualTo(3));
            Assert.That(page.Results.Select(u => u.Id), Is.EqualTo(new[] { 7, 8, 0 }));
            Assert.That(page.Results.Select(u => u.Email), Is.EqualTo(new[] { "a@example.com", "b@example.com", "c@example.com" }));
            Assert.That(page.Results[0].Groups[0].Id, Is.EqualTo(2));
            Assert.That(page.Results[0].Reseller, Is.EqualTo(10));
            Assert.That(page.Results[1].ClientAndRoles![0].ClientId, Is.EqualTo(250));
            Assert.That(page.Results[1].ClientAndRoles![0].UserId, Is.EqualTo(8));
            Assert.That(page.Results[2].Groups[0].Id, Is.EqualTo(5));
        });
    }

    [TestCase("""{"id":"seven","email":"a@example.com"}""", "not a number")]
    [TestCase("""{"id":7.25,"email":"a@example.com"}""", "not a whole number")]
    [TestCase("""{"id":"7.25","email":"a@example.com"}""", "not a whole number")]
    [TestCase("""{"id":2.5e9,"email":"a@example.com"}""", "out of range")]
    [TestCase("""{"id":"2147483648","email":"a@example.com"}""", "out of range")]
    public void A_number_that_is_not_a_32_bit_whole_number_is_an_invalid_response_that_says_why(string body, string why)
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(body));

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => Client.Users.GetUserAsync(7));

        Assert.That(e!.InnerException?.Message, Does.Contain(why).And.Contain("'id'"));
    }

    [Test]
    public void A_fraction_where_Gcore_types_a_number_names_the_member_the_operation_and_that_Gcore_types_it_as_a_number()
    {
        Server.Given(Request.Create().WithPath("/iam/activity_log/logins").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"count":2.5,"next":null,"previous":null,"result":[]}"""));

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => Client.Activity.ListLoginsAsync(10, 0))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("'count'").And.Contain("Activity.ListLogins (GET /iam/activity_log/logins)"));
            Assert.That(e.Message, Does.Contain("Gcore's description types this member as a number"));
            Assert.That(e.Message, Does.Not.Contain("proxy"));
        });
    }

    [Test]
    public void A_fraction_in_a_users_client_deep_in_a_page_is_named_by_its_path()
    {
        Server.Given(Request.Create().WithPath("/iam/users").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"count":1,"next":null,"previous":null,"results":[{"id":7,"email":"a@example.com","client":7.5}]}"""));

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => Client.Users.ListUsersAsync(10))!;

        Assert.That(e.Message, Does.Contain("'results[0].client'").And.Contain("Users.ListUsers").And.Contain("types this member as a number"));
    }

    [Test]
    public void A_fraction_where_Gcore_types_an_integer_does_not_claim_that_Gcore_types_a_number()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":7.5,"email":"a@example.com"}"""));

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => Client.Users.GetUserAsync(7))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("'id'").And.Contain("Users.GetUser (GET /iam/users/{userId})"));
            Assert.That(e.Message, Does.Not.Contain("as a number").And.Not.Contain("proxy"));
        });
    }

    /// <summary>The client's list of members Gcore types as numbers is the spec's: the members its integer fixes retyped.</summary>
    [Test]
    public void The_members_read_as_integers_though_Gcore_types_them_as_numbers_are_those_of_the_specs_integer_fixes()
    {
        var fixes = new[] { "user-client-integer:", "login-activity-count-integer:" };
        var inSpec = Operation.Spec.Components.Schemas
            .SelectMany(s => s.Value.Properties.Select(p => (Schema: s.Key, Member: p.Key, Fix: p.Value.ExtensionData is { } data && data.TryGetValue("x-gcore-fix", out var fix) ? fix as string : null)))
            .Where(m => m.Fix is not null && fixes.Any(f => m.Fix.StartsWith(f, StringComparison.Ordinal)))
            .Select(m => $"{m.Schema}.{m.Member}")
            .Order(StringComparer.Ordinal);

        var inClient = Gcore.Iam.Serialization.AnswerMembers.NumberTyped.Select(n => $"{n.Model.Name}.{n.Member}").Order(StringComparer.Ordinal);

        Assert.That(inClient, Is.EqualTo(inSpec));
    }
}
