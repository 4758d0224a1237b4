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
}
