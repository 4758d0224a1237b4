using System.Reflection;

namespace Gcore.Iam.Tests.Calls;

/// <summary>
/// <c>GcoreIamModelFactory</c>: response objects for users' own unit tests, without a server, and a
/// mock of the interface answering with them.
/// </summary>
[TestFixture]
public class ModelFactoryTests
{
    [Test]
    public void A_model_gets_the_members_given_and_keeps_the_defaults_of_the_rest()
    {
        var user = GcoreIamModelFactory.User(id: 7, email: "a@example.com", lang: UserLanguage.De, authTypes: [AuthType.Password]);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(7));
            Assert.That(user.Email, Is.EqualTo("a@example.com"));
            Assert.That(user.Lang, Is.EqualTo(UserLanguage.De));
            Assert.That(user.AuthTypes, Is.EqualTo(new[] { AuthType.Password }));
            Assert.That(user.Name, Is.Null);
            Assert.That(GcoreIamModelFactory.User().Email, Is.EqualTo(""), "a required string is never null");
        });
    }

    [Test]
    public void A_derived_model_takes_the_members_of_its_base_too()
    {
        var created = GcoreIamModelFactory.ApiTokenCreated(id: 9, name: "ci", token: "made-up-token");

        Assert.Multiple(() =>
        {
            Assert.That(created.Id, Is.EqualTo(9));
            Assert.That(created.Name, Is.EqualTo("ci"));
            Assert.That(created.Token, Is.EqualTo("made-up-token"));
        });
    }

    [Test]
    public void Every_model_of_the_spec_has_a_factory_method()
    {
        var models = typeof(User).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == "Gcore.Iam" && t.IsClass && !t.IsAbstract && t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>()?.Tool == "NJsonSchema")
            .ToList();
        Assert.That(models, Has.Count.GreaterThan(10));
        foreach (var model in models)
        {
            Assert.That(typeof(GcoreIamModelFactory).GetMethods().Any(m => m.Name == model.Name && m.ReturnType == model), Is.True, model.Name);
        }
    }

    [Test]
    public void A_raw_response_carries_the_value_status_headers_and_request_id()
    {
        var response = GcoreIamModelFactory.Response(GcoreIamModelFactory.User(id: 7), 200, [new("X-RateLimit-Remaining", "3")], requestId: "req-1", attempts: 2);
        var empty = GcoreIamModelFactory.ResponseWithoutBody();

        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Id, Is.EqualTo(7));
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.RequestId, Is.EqualTo("req-1"));
            Assert.That(response.Headers["x-ratelimit-remaining"], Is.EqualTo(new[] { "3" }));
            Assert.That(response.Attempts, Is.EqualTo(2));
            Assert.That(empty.StatusCode, Is.EqualTo(204));
            Assert.That(empty.RequestId, Is.Null);
        });
    }

    [Test]
    public async Task A_pageable_walks_its_items_and_continues_from_an_offset()
    {
        var users = Enumerable.Range(1, 5).Select(i => GcoreIamModelFactory.User(id: i)).ToList();
        var pageable = GcoreIamModelFactory.Pageable(2, users);

        var ids = await pageable.Select(u => u.Id).ToListAsync();
        var pages = await pageable.AsPages().ToListAsync();
        var fromTwo = await pageable.AsPages(2).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
            Assert.That(pages.Select(p => p.NextOffset), Is.EqualTo(new int?[] { 2, 4, null }));
            Assert.That(pages.Select(p => p.TotalCount), Is.All.EqualTo(5));
            Assert.That(fromTwo.Select(p => p.Offset), Is.EqualTo(new[] { 2, 4 }));
        });
    }

    // What a user's test looks like: a hand-written stand-in for IUsersClient answering with factory objects.
    private sealed class StubUsers : UsersClient
    {
        public StubUsers()
            : base(new HttpClient())
        {
        }

        public override Task<User> GetUserAsync(int userId, CancellationToken cancellationToken = default) =>
            Task.FromResult(GcoreIamModelFactory.User(id: userId, email: $"user{userId}@example.com"));

        public override GcoreIamPageable<User> ListAllUsersAsync(int pageSize = DefaultPageSize, CancellationToken cancellationToken = default) =>
            GcoreIamModelFactory.Pageable(GcoreIamModelFactory.Page([GcoreIamModelFactory.User(id: 1)], nextOffset: 1, totalCount: 2),
                GcoreIamModelFactory.Page([GcoreIamModelFactory.User(id: 2)], offset: 1, totalCount: 2));
    }

    [Test]
    public async Task A_stand_in_client_answers_with_factory_objects()
    {
        IUsersClient users = new StubUsers();

        var user = await users.GetUserAsync(4);
        var all = await users.ListAllUsersAsync().Select(u => u.Id).ToListAsync();

        Assert.Multiple(() =>
        {
            Assert.That(user.Email, Is.EqualTo("user4@example.com"));
            Assert.That(all, Is.EqualTo(new[] { 1, 2 }));
        });
    }
}
