// This file mirrors docs/testing-with-the-fake.md line for line: if you change one, change the other.
using Gcore.Iam;
using Gcore.Iam.Testing;

namespace MyCompany.Tests;

// The code under test: your own class, using the client's interface.
public sealed class PhoneAudit(IUsersClient users)
{
    public async Task<IReadOnlyList<string>> EmailsWithoutPhoneAsync(CancellationToken cancellationToken = default)
    {
        var emails = new List<string>();
        await foreach (var user in users.ListAllUsersAsync(pageSize: 5, cancellationToken: cancellationToken))
        {
            if (string.IsNullOrEmpty(user.Phone))
            {
                emails.Add(user.Email);
            }
        }

        return emails;
    }
}

[TestFixture]
public class PhoneAuditTests
{
    [Test]
    public async Task Finds_the_users_without_a_phone()
    {
        await using var fake = GcoreIamFakeServer.Start();
        using var gcore = fake.CreateClient();

        var emails = await new PhoneAudit(gcore.Users).EmailsWithoutPhoneAsync();

        Assert.That(emails, Does.Contain("ivan.petrov@example.com"));
        Assert.That(emails, Does.Not.Contain("owner@example.com"));
        Assert.That(fake.Requests.Select(r => r.Query["offset"]), Is.EqualTo(new[] { "0", "5", "10" }));
    }

    [Test]
    public async Task Works_on_your_own_data()
    {
        var seed = GcoreIamFakeSeed.CreateEmpty();
        seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, id: 2, email: "no.phone@example.com", name: "No Phone"));
        await using var fake = GcoreIamFakeServer.Start(seed);
        using var gcore = fake.CreateClient();

        var emails = await new PhoneAudit(gcore.Users).EmailsWithoutPhoneAsync();

        Assert.That(emails, Is.EqualTo(new[] { "owner@example.com", "no.phone@example.com" }));
    }

    [Test]
    public async Task Survives_one_server_error_because_the_client_retries()
    {
        await using var fake = GcoreIamFakeServer.Start();
        using var gcore = fake.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(10));
        fake.FailNext(FakeFault.ServerError(503), times: 1, operation: FakeOperation.ListUsers);

        var emails = await new PhoneAudit(gcore.Users).EmailsWithoutPhoneAsync();

        Assert.That(emails, Does.Contain("ivan.petrov@example.com"));
        Assert.That(fake.Requests.Select(r => r.Query["offset"]), Is.EqualTo(new[] { "0", "0", "5", "10" }));
    }

    [Test]
    public async Task Reports_throttling()
    {
        await using var fake = GcoreIamFakeServer.Start();
        using var gcore = fake.CreateClient(o => o.MaxRetries = 0); // see the 429 itself, not the client's retry
        fake.FailNext(FakeFault.RateLimited(TimeSpan.FromSeconds(2)), times: 1, operation: FakeOperation.ListUsers);

        var error = Assert.ThrowsAsync<GcoreIamRateLimitException>(() => new PhoneAudit(gcore.Users).EmailsWithoutPhoneAsync());

        Assert.That(error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }
}
