using Gcore.Iam.Testing.Tests.Support;

namespace Gcore.Iam.Testing.Tests;

/// <summary>
/// <see cref="GcoreIamRequestOptions.NoThrow"/> against the fake over loopback: an error status comes back
/// as a <see cref="GcoreIamResponse"/> from the raw views and <see cref="GcoreIamClient.SendAsync"/>, after
/// the retries and the resend rule have had their say (counted by what the fake saw); what is not an
/// answer (a broken connection, a timeout, a refused JWT login) still throws, and so do the plain
/// methods and the walkers.
/// </summary>
[TestFixture]
public class NoThrowTests : FakeServerTestBase
{
    private const int MissingUserId = 999_999;

    private static GcoreIamRequestOptions NoThrow => new() { NoThrow = true };

    private int Count(FakeOperation operation) => Fake.Requests.Count(r => r.Operation == operation);

    [Test]
    public async Task Get_user_for_a_missing_id_returns_404_with_Gcores_message_and_throws_nothing()
    {
        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(MissingUserId);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsError, Is.True);
            Assert.That(response.StatusCode, Is.EqualTo(404));
            Assert.That(response.Error, Is.Not.Null);
            Assert.That(response.Error!.GcoreMessage, Is.EqualTo("User not found."));
            Assert.That(response.Error.StatusCode, Is.EqualTo(404));
            Assert.That(response.Error.Method, Is.EqualTo("GET"));
            Assert.That(response.Error.Path, Is.EqualTo($"/iam/users/{MissingUserId}"));
            Assert.That(response.RequestId, Does.StartWith("fake-"));
            Assert.That(response.Headers[GcoreIamResponse.RequestIdHeader], Is.EqualTo(new[] { response.RequestId }));
            Assert.That(response.Attempts, Is.EqualTo(1));
            Assert.That(response.ErrorMessage, Does.StartWith($"404 Not Found from GET /iam/users/{MissingUserId}: no such object; check the id.")
                .And.Contain("Gcore says: \"User not found.\""));
            Assert.That(response.ToString(), Is.EqualTo($"GcoreIamResponse {{ StatusCode = 404, IsError = true, RequestId = {response.RequestId}, Attempts = 1 }}"));
            Assert.That(Fake.Requests.Select(r => (r.Operation, r.StatusCode)), Is.EqualTo(new[] { (FakeOperation.GetUser, 404) }));
        });
    }

    [Test]
    public async Task Value_and_ThrowIfError_of_an_error_answer_throw_the_exception_the_call_would_have_thrown()
    {
        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(MissingUserId);
        var thrown = Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.WithRawResponse.GetUserAsync(MissingUserId))!;

        var fromValue = Assert.Throws<GcoreIamNotFoundException>(() => _ = response.Value)!;
        var fromCheck = Assert.Throws<GcoreIamNotFoundException>(response.ThrowIfError)!;

        Assert.Multiple(() =>
        {
            Assert.That(fromValue.Message, Is.EqualTo(response.ErrorMessage));
            Assert.That(fromValue.Details, Is.SameAs(response.Error));
            Assert.That(fromCheck.Message, Is.EqualTo(response.ErrorMessage));
            Assert.That(fromCheck, Is.Not.SameAs(fromValue), "a new exception each time: one instance thrown twice would share its stack trace");
            // The same message as the call without NoThrow, but for the request id (each request gets its own).
            Assert.That(fromValue.Message.Replace(response.RequestId!, "<id>", StringComparison.Ordinal),
                Is.EqualTo(thrown.Message.Replace(thrown.RequestId!, "<id>", StringComparison.Ordinal)));
        });
    }

    [Test]
    public async Task A_success_is_unchanged()
    {
        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(1);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsError, Is.False);
            Assert.That(response.Error, Is.Null);
            Assert.That(response.ErrorMessage, Is.Null);
            Assert.That(response.StatusCode, Is.EqualTo(200));
            Assert.That(response.Value.Id, Is.EqualTo(1));
            Assert.That(response.RequestId, Does.StartWith("fake-"));
            Assert.That(response.ToString(), Does.Not.Contain("IsError"));
            Assert.DoesNotThrow(response.ThrowIfError);
        });
    }

    [Test]
    public async Task An_operation_without_a_body_returns_its_error_answer_too()
    {
        var response = await Client.ApiTokens.WithOptions(NoThrow).WithRawResponse.DeleteApiTokenAsync(Fake.AccountId, 987_654);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsError, Is.True);
            Assert.That(response.StatusCode, Is.EqualTo(404));
            Assert.That(response.Error!.GcoreMessage, Is.EqualTo("API token not found."));
            Assert.Throws<GcoreIamNotFoundException>(response.ThrowIfError);
        });
    }

    [Test]
    public async Task A_5xx_is_retried_first_and_the_last_answer_is_returned()
    {
        Fake.FailNext(FakeFault.ServerError(503), times: 3, operation: FakeOperation.GetUser);
        using var retrying = Fake.CreateClient(o => { o.MaxRetries = 2; o.RetryBaseDelay = TimeSpan.FromMilliseconds(5); });

        var response = await retrying.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(1);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsError, Is.True);
            Assert.That(response.StatusCode, Is.EqualTo(503));
            Assert.That(response.Attempts, Is.EqualTo(3));
            Assert.That(response.Error!.Attempts, Is.EqualTo(3));
            Assert.That(response.Error.ExceptionClass, Is.EqualTo("InternalServerError"));
            Assert.That(response.Error.GcoreMessage, Is.EqualTo("The server could not handle the request. Try again later."));
            Assert.That(response.RequestId, Is.EqualTo(response.Headers[GcoreIamResponse.RequestIdHeader].Single()), "the last answer's");
            Assert.That(response.ErrorMessage, Does.Contain("retry later").And.Contain("Attempts: 3."));
            Assert.That(Fake.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 503, 503, 503 }), "what the server saw");
        });
    }

    [Test]
    public async Task A_5xx_then_a_success_returns_the_success()
    {
        Fake.FailNext(FakeFault.ServerError(502), operation: FakeOperation.GetUser);
        using var retrying = Fake.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(5));

        var response = await retrying.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(1);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsError, Is.False);
            Assert.That(response.Value.Id, Is.EqualTo(1));
            Assert.That(response.Attempts, Is.EqualTo(2));
            Assert.That(Fake.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 502, 200 }));
        });
    }

    [Test]
    public async Task An_HTML_page_from_a_proxy_is_an_error_answer_that_says_so()
    {
        Fake.FailNext(FakeFault.ProxyBadGateway());

        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(1);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(502));
            Assert.That(response.Error!.BodyIsJson, Is.False);
            Assert.That(response.Error.GcoreMessage, Is.Null);
            Assert.That(response.Error.FieldErrors, Is.Null.Or.Empty);
            Assert.That(response.Error.ResponseBody, Does.Contain("502 Bad Gateway"));
            Assert.That(response.ErrorMessage, Does.Contain("The body was not Gcore's JSON (a proxy may have answered)."));
            Assert.Throws<GcoreIamServerException>(() => _ = response.Value);
        });
    }

    [Test]
    [Category(Categories.OneRequestPerAttempt)]
    public void A_broken_connection_still_throws()
    {
        Fake.FailNext(FakeFault.DropConnection(), operation: FakeOperation.GetUser);

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(1))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Path, Is.EqualTo("/iam/users/1"));
            Assert.That(Fake.Requests.Select(r => r.Fault), Is.EqualTo(new FakeFaultKind?[] { FakeFaultKind.DropConnection }));
        });
    }

    [Test]
    public async Task A_connection_that_cannot_be_made_still_throws()
    {
        var closed = Fake.BaseUrl;
        await Fake.DisposeAsync(); // nothing listens on the port any more
        using var gcore = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = "42_key-for-a-closed-port", BaseUrl = closed, MaxRetries = 0 });

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => gcore.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(1))!;
        var sent = Assert.ThrowsAsync<GcoreIamConnectionException>(() => gcore.SendAsync(HttpMethod.Get, "iam/users/1", options: NoThrow))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.MayHaveReachedGcore, Is.False);
            Assert.That(sent.MayHaveReachedGcore, Is.False);
        });
    }

    [Test]
    public void A_timeout_still_throws()
    {
        Fake.FailNext(FakeFault.Delayed(TimeSpan.FromSeconds(3)));
        var options = new GcoreIamRequestOptions { NoThrow = true, Timeout = TimeSpan.FromMilliseconds(200) };

        var e = Assert.ThrowsAsync<GcoreIamTimeoutException>(() => Client.Users.WithOptions(options).WithRawResponse.GetUserAsync(1))!;

        Assert.That(e.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
    }

    [Test]
    public void The_plain_method_and_the_walkers_of_a_NoThrow_view_still_throw()
    {
        var view = Client.Users.WithOptions(NoThrow);

        var plain = Assert.ThrowsAsync<GcoreIamNotFoundException>(() => view.GetUserAsync(MissingUserId))!;
        Fake.FailNext(FakeFault.ServerError(503), times: 2, operation: FakeOperation.ListUsers);
        var items = Assert.ThrowsAsync<GcoreIamServerException>(async () =>
        {
            await foreach (var _ in view.ListAllUsersAsync(pageSize: 10))
            {
            }
        })!;
        var pages = Assert.ThrowsAsync<GcoreIamServerException>(async () =>
        {
            await foreach (var _ in view.ListAllUsersAsync(pageSize: 10).AsPages())
            {
            }
        })!;

        Assert.Multiple(() =>
        {
            Assert.That(plain.GcoreMessage, Is.EqualTo("User not found."));
            Assert.That(items.StatusCode, Is.EqualTo(503));
            Assert.That(pages.StatusCode, Is.EqualTo(503));
        });
    }

    [Test]
    public async Task SendAsync_with_NoThrow_returns_the_error_answer()
    {
        var missing = await Client.SendAsync(HttpMethod.Get, $"iam/users/{MissingUserId}", options: NoThrow);
        var found = await Client.SendAsync(HttpMethod.Get, "iam/users/1", options: NoThrow);

        Assert.Multiple(() =>
        {
            Assert.That(missing.IsError, Is.True);
            Assert.That(missing.StatusCode, Is.EqualTo(404));
            Assert.That(missing.Error!.GcoreMessage, Is.EqualTo("User not found."));
            Assert.Throws<GcoreIamNotFoundException>(() => _ = missing.Value);
            Assert.That(found.IsError, Is.False);
            Assert.That((int?)found.Value!["id"], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_change_that_may_not_be_sent_twice_answered_with_a_5xx_is_sent_once_and_its_message_says_it_may_have_been_applied()
    {
        Fake.FailNext(FakeFault.ServerError(503), operation: FakeOperation.InviteUser);
        using var retrying = Fake.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(5));
        var invite = new UserInvite { ClientId = Fake.AccountId, Email = "new.person@example.com", UserRole = new UserGroup { Id = 2 } };

        var response = await retrying.Users.WithOptions(NoThrow).WithRawResponse.InviteUserAsync(invite);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(503));
            Assert.That(response.Attempts, Is.EqualTo(1));
            Assert.That(Count(FakeOperation.InviteUser), Is.EqualTo(1), "the server saw one invitation: the rule forbids a second");
            Assert.That(response.ErrorMessage, Does.Contain("may have been applied").And.Contain("Before repeating it"));
        });
    }

    [Test]
    [Category(Categories.OneRequestPerAttempt)]
    public async Task A_resent_delete_that_meets_404_is_done_not_an_error()
    {
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.RevokeAccess);
        using var retrying = Fake.CreateClient(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(5));

        var response = await retrying.Users.WithOptions(NoThrow).WithRawResponse.RevokeAccessAsync(Fake.AccountId, 3);

        Assert.Multiple(() =>
        {
            Assert.That(response.IsError, Is.False, "the resend rule reads the second 404 as done before NoThrow is asked");
            Assert.That(response.StatusCode, Is.EqualTo(204));
            Assert.That(response.Attempts, Is.EqualTo(2));
            Assert.That(Fake.Requests.Where(r => r.Operation == FakeOperation.RevokeAccess).Select(r => (r.Fault, r.StatusCode)).Last(), Is.EqualTo(((FakeFaultKind?)null, 404)));
            Assert.That(Fake.Requests.Where(r => r.Operation == FakeOperation.RevokeAccess).Select(r => r.Fault), Is.EqualTo(new FakeFaultKind?[] { FakeFaultKind.ApplyThenDrop, null }));
        });
    }

    [Test]
    public void The_JWT_sessions_own_calls_are_unaffected_a_refused_login_still_throws()
    {
        using var gcore = Fake.CreateClient(o =>
        {
            o.ApiKey = null;
            o.Username = "john.doe@example.com";
            o.Password = "wrong-Password-123";
            o.MaxRetries = 0;
        });

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => gcore.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(1))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("refused the login").And.Not.Contain("wrong-Password-123"));
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.LogIn }));
        });
    }

    [Test]
    public async Task With_a_JWT_session_a_missing_user_is_an_error_answer()
    {
        using var gcore = Fake.CreateClient(o =>
        {
            o.ApiKey = null;
            o.Username = "john.doe@example.com";
            o.Password = GcoreIamFakeSeed.DefaultPassword;
            o.MaxRetries = 0;
        });

        var response = await gcore.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(MissingUserId);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(404));
            Assert.That(Fake.Requests.Select(r => (r.Operation, r.StatusCode)), Is.EqualTo(new[] { (FakeOperation.LogIn, 200), (FakeOperation.GetUser, 404) }));
        });
    }

    [Test]
    public async Task An_error_answer_is_not_logged_as_a_failure_but_its_status_is_logged_at_debug()
    {
        var logs = new CapturingLoggerFactory();
        using var gcore = Fake.CreateClient(o => { o.LoggerFactory = logs; o.MaxRetries = 0; });

        await gcore.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(MissingUserId);
        var lines = logs.Lines.ToList();
        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => gcore.Users.GetUserAsync(MissingUserId));

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.StartsWith("Debug").And.Contain($"/iam/users/{MissingUserId} answered 404"));
            Assert.That(lines, Has.None.StartsWith("Warning"), "the caller takes the answer as a value");
            Assert.That(logs.Lines.Skip(lines.Count), Has.Some.StartsWith("Warning").And.Contain("failed"), "without NoThrow the failure is logged");
        });
    }
}
