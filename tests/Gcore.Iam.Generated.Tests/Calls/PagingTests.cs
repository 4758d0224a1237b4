using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests.Calls;

/// <summary><c>ListAllUsersAsync(...).AsPages(offset)</c>: the pages, the offset to continue from, each page's answer.</summary>
[TestFixture]
public class PagingTests : GcoreIamTestBase
{
    private void RespondPage(int offset, string fixture, int? count = null)
    {
        var body = FixtureJson(fixture);
        if (count is { } c)
        {
            body["count"] = c;
        }

        Server.Given(Request.Create().WithPath("/iam/users").UsingGet().WithParam("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithHeader("X-Request-ID", $"page-at-{offset}").WithBody(body.ToString()));
    }

    [Test]
    public async Task AsPages_gives_each_page_with_its_offsets_total_and_answer()
    {
        RespondPage(0, "users-page-1of3.json");
        RespondPage(2, "users-page-2of3.json");
        RespondPage(4, "users-page-3of3.json");

        var pages = await Client.Users.ListAllUsersAsync(pageSize: 2).AsPages().ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Offset), Is.EqualTo(new[] { 0, 2, 4 }));
            Assert.That(pages.Select(p => p.NextOffset), Is.EqualTo(new int?[] { 2, 4, null }));
            Assert.That(pages.Select(p => p.TotalCount), Is.All.EqualTo(5));
            Assert.That(pages.SelectMany(p => p.Values).Select(u => u.Id), Is.EqualTo(new[] { 201, 202, 203, 204, 205 }));
            Assert.That(pages.Select(p => p.GetRawResponse().RequestId), Is.EqualTo(new[] { "page-at-0", "page-at-2", "page-at-4" }));
            Assert.That(pages[0].ToString(), Is.EqualTo("GcoreIamPage { Offset = 0, Values = 2, NextOffset = 2, TotalCount = 5 }"));
        });
    }

    [Test]
    public async Task AsPages_continues_from_the_offset_a_page_gave()
    {
        RespondPage(0, "users-page-1of3.json");
        RespondPage(2, "users-page-2of3.json");
        RespondPage(4, "users-page-3of3.json");
        var first = await Client.Users.ListAllUsersAsync(pageSize: 2).AsPages().FirstAsync();
        Server.ResetLogEntries();

        var rest = await Client.Users.ListAllUsersAsync(pageSize: 2).AsPages(first.NextOffset).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(rest.SelectMany(p => p.Values).Select(u => u.Id), Is.EqualTo(new[] { 203, 204, 205 }));
            Assert.That(ReceivedRequests().Select(QueryOf), Is.EqualTo(new[] { "limit=2&offset=2", "limit=2&offset=4" }));
        });
    }

    [Test]
    public async Task A_short_page_advances_by_its_length_and_an_empty_page_ends_the_walk()
    {
        RespondPage(0, "users-page-1of3.json", count: 10);
        RespondPage(2, "users-page-short.json");
        RespondPage(3, "users-page-empty.json");

        var pages = await Client.Users.ListAllUsersAsync(pageSize: 2).AsPages().ToListAsync();

        Assert.That(pages.Select(p => (p.Offset, p.NextOffset, p.Values.Count)),
            Is.EqualTo(new (int, int?, int)[] { (0, 2, 2), (2, 3, 1), (3, null, 0) }));
    }

    [Test]
    public async Task A_bare_array_is_one_last_page()
    {
        Respond("GET", "/iam/users", "users-bare-array.json");

        var pages = await Client.Users.ListAllUsersAsync().AsPages().ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(pages, Has.Count.EqualTo(1));
            Assert.That(pages[0].NextOffset, Is.Null);
            Assert.That(pages[0].TotalCount, Is.EqualTo(3));
        });
    }

    [Test]
    public async Task Walking_items_and_walking_pages_give_the_same_users()
    {
        RespondPage(0, "users-page-1of3.json");
        RespondPage(2, "users-page-2of3.json");
        RespondPage(4, "users-page-3of3.json");
        var pageable = Client.Users.ListAllUsersAsync(pageSize: 2);

        var items = await pageable.Select(u => u.Id).ToListAsync();
        var fromPages = await pageable.AsPages().SelectMany(p => p.Values.ToAsyncEnumerable()).Select(u => u.Id).ToListAsync();

        Assert.That(fromPages, Is.EqualTo(items));
    }

    [Test]
    public void Bad_offsets_and_page_sizes_are_refused_before_sending()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => Client.Users.ListAllUsersAsync(pageSize: 2).AsPages(-1));
            Assert.Throws<ArgumentOutOfRangeException>(() => Client.Users.ListAllUsersAsync(pageSize: 0));
        });
        Assert.That(Server.LogEntries, Is.Empty);
    }

    [Test]
    public void A_cancelled_walk_token_stops_the_page_walk()
    {
        RespondPage(0, "users-page-1of3.json");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(async () => await Client.Users.ListAllUsersAsync(2, cancelled.Token).AsPages().ToListAsync(), Throws.InstanceOf<OperationCanceledException>());
    }
}
