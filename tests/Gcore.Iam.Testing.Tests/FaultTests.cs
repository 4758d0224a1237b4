namespace Gcore.Iam.Testing.Tests;

[TestFixture]
public class FaultTests : FakeServerTestBase
{
    [Test]
    public async Task Rate_limit_answers_429_with_Retry_After_for_the_next_N_calls_only()
    {
        Fake.FailNext(FakeFault.RateLimited(TimeSpan.FromSeconds(3)), times: 2);

        var first = Assert.ThrowsAsync<GcoreIamRateLimitException>(() => Client.Account.GetAccountOverviewAsync());
        var (status, body, headers) = await SendRawAsync(HttpMethod.Get, "iam/users");
        var third = await Client.Account.GetAccountOverviewAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first!.StatusCode, Is.EqualTo(429));
            Assert.That(first.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(status, Is.EqualTo(429));
            Assert.That(headers["Retry-After"], Is.EqualTo("3"));
            Assert.That(body!["message"]!.ToString(), Does.Contain("throttled"));
            Assert.That(third.Id, Is.EqualTo(Fake.AccountId));
            Assert.That(Fake.PendingFaults, Is.Zero);
            Assert.That(Fake.Requests.Select(r => r.Fault), Is.EqualTo(new FakeFaultKind?[] { FakeFaultKind.RateLimited, FakeFaultKind.RateLimited, null }));
        });
    }

    [Test]
    public async Task Rate_limit_without_Retry_After_sends_no_header()
    {
        Fake.FailNext(FakeFault.RateLimitedWithoutRetryAfter());

        var (status, _, headers) = await SendRawAsync(HttpMethod.Get, "iam/users");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(429));
            Assert.That(headers.ContainsKey("Retry-After"), Is.False);
        });
    }

    [Test]
    public async Task A_fault_aimed_at_one_operation_leaves_the_others_alone()
    {
        Fake.FailNext(FakeFault.ServerError(502), operation: FakeOperation.ListApiTokens);

        var account = await Client.Account.GetAccountOverviewAsync();
        var user = await Client.Users.GetUserAsync(1);
        var ex = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.ApiTokens.ListApiTokensAsync(Fake.AccountId));
        var tokens = await Client.ApiTokens.ListApiTokensAsync(Fake.AccountId);

        Assert.Multiple(() =>
        {
            Assert.That(account.Id, Is.EqualTo(Fake.AccountId));
            Assert.That(user.Id, Is.EqualTo(1));
            Assert.That(ex!.StatusCode, Is.EqualTo(502));
            Assert.That(ex.ExceptionClass, Is.EqualTo("InternalServerError"));
            Assert.That(ex.RequestId, Does.StartWith("fake-"));
            Assert.That(tokens, Has.Count.EqualTo(2));
        });
    }

    [Test]
    public void A_fault_applies_before_the_key_is_checked()
    {
        Fake.FailNext(FakeFault.ServerError(500));
        using var client = Fake.CreateClient(o => { o.ApiKey = "42_wrong-key-000000"; o.MaxRetries = 0; });

        Assert.ThrowsAsync<GcoreIamServerException>(() => client.Users.GetUserAsync(1));
        Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => client.Users.GetUserAsync(1));
    }

    [Test]
    public void A_delay_longer_than_the_client_timeout_is_a_timeout()
    {
        Fake.FailNext(FakeFault.Delayed(TimeSpan.FromSeconds(3)));
        using var client = Fake.CreateClient(o => { o.Timeout = TimeSpan.FromMilliseconds(200); o.MaxRetries = 0; });

        var ex = Assert.ThrowsAsync<GcoreIamTimeoutException>(() => client.Users.GetUserAsync(1));

        Assert.That(ex!.Path, Is.EqualTo("/iam/users/1"));
    }

    [Test]
    public async Task A_delay_still_answers_normally()
    {
        Fake.FailNext(FakeFault.Delayed(TimeSpan.FromMilliseconds(50)), operation: FakeOperation.GetUser);

        var user = await Client.Users.GetUserAsync(2);

        Assert.Multiple(() =>
        {
            Assert.That(user.Email, Is.EqualTo("john.doe@example.com"));
            Assert.That(Fake.Requests.Single().Fault, Is.EqualTo(FakeFaultKind.Delay));
        });
    }

    [Test]
    [Category(Categories.OneRequestPerAttempt)]
    public async Task A_dropped_connection_is_a_connection_error_and_the_next_call_works()
    {
        Fake.FailNext(FakeFault.DropConnection(), operation: FakeOperation.ListUsers);

        var ex = Assert.ThrowsAsync<GcoreIamConnectionException>(() => Client.Users.ListUsersAsync(limit: 10));
        var page = await Client.Users.ListUsersAsync(limit: 10);

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Path, Is.EqualTo("/iam/users"));
            Assert.That(ex.Message, Does.Not.Contain(Fake.ApiKey));
            Assert.That(page.Results, Has.Count.EqualTo(10));
            Assert.That(Fake.Requests[0].Fault, Is.EqualTo(FakeFaultKind.DropConnection));
            Assert.That(Fake.Requests[0].StatusCode, Is.Zero);
        });
    }

    [Test]
    public void A_malformed_body_is_an_invalid_response()
    {
        Fake.FailNext(FakeFault.MalformedBody());

        var ex = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => Client.Users.GetUserAsync(1));

        Assert.That(ex!.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void Faults_queue_in_order_and_can_be_cleared()
    {
        Fake.FailNext(FakeFault.ServerError(503));
        Fake.FailNext(FakeFault.RateLimited());
        Fake.FailNext(FakeFault.MalformedBody(), times: 3);

        Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.GetUserAsync(1));
        Assert.ThrowsAsync<GcoreIamRateLimitException>(() => Client.Users.GetUserAsync(1));
        Assert.That(Fake.PendingFaults, Is.EqualTo(3));

        Fake.ClearFaults();

        Assert.That(Fake.PendingFaults, Is.Zero);
    }

    [Test]
    public void Fault_arguments_are_checked()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.ServerError(404));
            Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.Delayed(TimeSpan.FromSeconds(-1)));
            Assert.Throws<ArgumentOutOfRangeException>(() => Fake.FailNext(FakeFault.DropConnection(), times: 0));
            Assert.Throws<ArgumentNullException>(() => Fake.FailNext(null!));
        });
    }
}
