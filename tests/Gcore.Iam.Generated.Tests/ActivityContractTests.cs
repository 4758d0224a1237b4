namespace Gcore.Iam.Tests;

/// <summary>The login activity log: a page (whose <c>count</c> is a JSON number and whose list is <c>result</c>), and the walk of every page.</summary>
[TestFixture]
public class ActivityContractTests : GcoreIamTestBase
{
    [Test]
    public async Task ListLogins_sends_limit_and_offset_and_reads_result_and_a_fractional_count()
    {
        Respond("GET", "/iam/activity_log/logins", "login-activity-page-1of2.json");

        var page = await Client.Activity.ListLoginsAsync(2, 0);

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(QueryOf(request), Is.EqualTo("limit=2&offset=0"));
            AssertAuthorization(request);
            Assert.That(page.Count, Is.EqualTo(3));
            Assert.That(page.Next, Does.EndWith("offset=2"));
            Assert.That(page.Result!.Select(l => l.Id), Is.EqualTo(new[] { 9001, 9002 }));
            var first = page.Result![0];
            Assert.That((first.LoginAt, first.IpAddress, first.IsSuccessful, first.AuthType, first.User),
                Is.EqualTo(("2026-11-30T08:15:02Z", "203.0.113.10", true, "password", 101)));
            Assert.That(page.Result[1].IsSuccessful, Is.False);
        });
    }

    [Test]
    public async Task ListAllLogins_walks_every_page_until_count()
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/iam/activity_log/logins").WithParam("offset", "0").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody(Fixture("login-activity-page-1of2.json")));
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/iam/activity_log/logins").WithParam("offset", "2").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithHeader("Content-Type", "application/json").WithBody(Fixture("login-activity-page-2of2.json")));

        var logins = await Client.Activity.ListAllLoginsAsync(pageSize: 2).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(logins.Select(l => l.Id), Is.EqualTo(new[] { 9001, 9002, 9003 }));
            Assert.That(ReceivedRequests().Select(QueryOf), Is.EqualTo(new[] { "limit=2&offset=0", "limit=2&offset=2" }));
        });
    }

    [Test]
    public void ListLogins_with_Gcores_validation_form_names_the_field()
    {
        RespondRaw("GET", "/iam/activity_log/logins", 400, """{"errors": {"limit": ["A valid integer is required."]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Activity.ListLoginsAsync(2, 0))!;

        Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "limit" }));
    }
}
