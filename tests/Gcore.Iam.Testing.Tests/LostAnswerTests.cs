using Gcore.Iam.Testing.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gcore.Iam.Testing.Tests;

/// <summary>
/// Gcore acts on a request and the connection closes before its answer (the fake's apply-then-drop,
/// on a real loopback socket). What the client does next is the operation's resend rule, declared in
/// the operation table (<c>x-gcore-resend</c>): the fake's request log shows what reached the server.
/// The clients here retry (the default two retries), so a resend would be seen.
/// </summary>
[TestFixture]
public class LostAnswerTests : FakeServerTestBase
{
    private const string NewPassword = "brand-new-Passw0rd";

    private int Count(FakeOperation operation) => Fake.Requests.Count(r => r.Operation == operation);

    [Test]
    public async Task ChangePassword_resend_rule_never_an_applied_change_whose_answer_was_lost_is_sent_once_and_said_to_be_maybe_applied()
    {
        Fake.ClearRequests();
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.ChangePassword);
        using var retrying = Fake.CreateClient();

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => retrying.Users.ChangePasswordAsync(3,
            new PasswordChange { Old = GcoreIamFakeSeed.DefaultPassword, New = NewPassword, Double = NewPassword }))!;
        var login = await Client.Auth.LogInAsync(new JwtLogin { Username = "ivan.petrov@example.com", Password = NewPassword });

        Assert.Multiple(() =>
        {
            Assert.That(Count(FakeOperation.ChangePassword), Is.EqualTo(1), "the server saw one request: a second would be refused (the old password changed)");
            Assert.That(e.Attempts, Is.EqualTo(1));
            Assert.That(e.MayHaveReachedGcore, Is.True);
            Assert.That(e.Message, Does.Contain("PUT /iam/users/3/password").And.Contain("may have been applied").And.Contain("log in with the new password"));
            Assert.That(e.Message, Does.Not.Contain(NewPassword).And.Not.Contain(GcoreIamFakeSeed.DefaultPassword));
            Assert.That(login.Access, Is.Not.Empty, "the change was in fact made: the new password logs in");
        });
    }

    [Test]
    public async Task ChangeEmail_resend_rule_never_an_applied_change_whose_answer_was_lost_is_sent_once_and_said_to_be_maybe_applied()
    {
        Fake.ClearRequests();
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.ChangeEmail);
        using var retrying = Fake.CreateClient();

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => retrying.Users.ChangeEmailAsync(3,
            new EmailChange { NewEmail = "ivan@example.org", Password = GcoreIamFakeSeed.DefaultPassword }))!;
        var user = await Client.Users.GetUserAsync(3);

        Assert.Multiple(() =>
        {
            Assert.That(Count(FakeOperation.ChangeEmail), Is.EqualTo(1), "the server saw one request: a second would be refused (\"Same email address.\")");
            Assert.That(e.MayHaveReachedGcore, Is.True);
            Assert.That(e.Message, Does.Contain("PUT /iam/users/3/email").And.Contain("may have been applied").And.Contain("read the user"));
            Assert.That(e.Message, Does.Not.Contain(GcoreIamFakeSeed.DefaultPassword));
            Assert.That(user.Email, Is.EqualTo("ivan@example.org"), "the change was in fact made");
        });
    }

    [Test]
    [Category(Categories.OneRequestPerAttempt)]
    public async Task RevokeAccess_resend_rule_safe_when_gone_is_done_the_resent_delete_that_meets_404_succeeds()
    {
        Fake.ClearRequests();
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.RevokeAccess);
        using var retrying = Fake.CreateClient();

        await retrying.Users.RevokeAccessAsync(Fake.AccountId, 3);

        var revokes = Fake.Requests.Where(r => r.Operation == FakeOperation.RevokeAccess).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(revokes.Select(r => r.Fault), Is.EqualTo(new FakeFaultKind?[] { FakeFaultKind.ApplyThenDrop, null }));
            Assert.That(revokes[1].StatusCode, Is.EqualTo(404), "the resend found nothing: the first request removed the access");
        });
    }

    [Test]
    public void A_delete_that_meets_404_without_a_lost_answer_before_it_is_not_found()
    {
        using var retrying = Fake.CreateClient();

        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => retrying.ApiTokens.DeleteApiTokenAsync(Fake.AccountId, 999_999));
        Assert.That(Fake.Requests.Count(r => r.Operation == FakeOperation.DeleteApiToken), Is.EqualTo(1));
    }

    [Test]
    public async Task RefreshToken_resend_rule_once_a_lost_refresh_answer_with_a_password_and_no_one_time_password_logs_in_again()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        Fake.TimeProvider = clock;
        using var gcore = Fake.CreateClient(o =>
        {
            o.ApiKey = null;
            o.Username = "john.doe@example.com";
            o.Password = GcoreIamFakeSeed.DefaultPassword;
            o.TimeProvider = clock;
        });
        await gcore.Users.GetUserAsync(3);
        Fake.ClearRequests();
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.RefreshToken);

        await gcore.RefreshLoginAsync();
        var user = await gcore.Users.GetUserAsync(4);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(4));
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.RefreshToken, FakeOperation.LogIn, FakeOperation.GetUser }),
                "the refresh is sent once (its token works once), then the client logs in again by itself");
            Assert.That(Fake.Requests[^1].AuthScheme, Is.EqualTo("Bearer"));
        });
    }

    [Test]
    public async Task RefreshToken_resend_rule_once_a_lost_refresh_answer_with_a_one_time_password_ends_the_session()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        Fake.TimeProvider = clock;
        using var gcore = Fake.CreateClient(o =>
        {
            o.ApiKey = null;
            o.Username = "owner@example.com";
            o.Password = GcoreIamFakeSeed.DefaultPassword;
            o.OneTimePassword = GcoreIamFakeSeed.DefaultOneTimePassword;
            o.TimeProvider = clock;
        });
        await gcore.Users.GetUserAsync(3);
        Fake.ClearRequests();
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.RefreshToken);

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => gcore.RefreshLoginAsync())!;
        var next = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => gcore.Users.GetUserAsync(4))!;

        Assert.Multiple(() =>
        {
            Assert.That(Count(FakeOperation.RefreshToken), Is.EqualTo(1), "the refresh is sent once");
            Assert.That(Count(FakeOperation.LogIn), Is.EqualTo(0), "a one-time password is spent: the client cannot log in by itself");
            Assert.That(e.Message, Does.Contain("Log in again").And.Contain("LogInAsync"));
            Assert.That(e.Message, Does.Not.Contain(GcoreIamFakeSeed.DefaultPassword).And.Not.Contain(GcoreIamFakeSeed.DefaultOneTimePassword));
            Assert.That(next, Is.SameAs(e), "the session stays ended until a new login");
        });
    }

    [Test]
    [Category(Categories.OneRequestPerAttempt)]
    public async Task Under_dependency_injection_Polly_keeps_the_same_rules_ChangePassword_never_and_DeleteApiToken_safe_when_gone_is_done()
    {
        var services = new ServiceCollection();
        services.AddGcoreIam(o =>
        {
            o.ApiKey = Fake.ApiKey;
            o.BaseUrl = Fake.BaseUrl;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(10);
        });
        await using var provider = services.BuildServiceProvider();
        var gcore = provider.GetRequiredService<GcoreIamClient>();
        var token = (await gcore.ApiTokens.ListApiTokensAsync(Fake.AccountId)).First();
        Fake.ClearRequests();

        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.ChangePassword);
        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => gcore.Users.ChangePasswordAsync(3,
            new PasswordChange { Old = GcoreIamFakeSeed.DefaultPassword, New = NewPassword, Double = NewPassword }))!;
        Fake.FailNext(FakeFault.ApplyThenDrop(), operation: FakeOperation.DeleteApiToken);
        await gcore.ApiTokens.DeleteApiTokenAsync(Fake.AccountId, token.Id);

        Assert.Multiple(() =>
        {
            Assert.That(Count(FakeOperation.ChangePassword), Is.EqualTo(1));
            Assert.That(e.Message, Does.Contain("may have been applied").And.Contain("log in with the new password"));
            Assert.That(Fake.Requests.Where(r => r.Operation == FakeOperation.DeleteApiToken).Select(r => r.Fault), Is.EqualTo(new FakeFaultKind?[] { FakeFaultKind.ApplyThenDrop, null }));
            Assert.That(Fake.Requests.Last(r => r.Operation == FakeOperation.DeleteApiToken).StatusCode, Is.EqualTo(404), "the resend found the token gone: done");
        });
    }

    [Test]
    public async Task Under_dependency_injection_an_attempt_timeout_written_by_Polly_is_the_attempt_timeout()
    {
        var services = new ServiceCollection();
        services.AddGcoreIam(o =>
        {
            o.ApiKey = Fake.ApiKey;
            o.BaseUrl = Fake.BaseUrl;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxRetries = 1;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(10);
        });
        await using var provider = services.BuildServiceProvider();
        var gcore = provider.GetRequiredService<GcoreIamClient>();
        Fake.FailNext(FakeFault.Delayed(TimeSpan.FromSeconds(3)), times: 2, operation: FakeOperation.GetUser);

        var e = Assert.ThrowsAsync<GcoreIamTimeoutException>(() => gcore.Users.GetUserAsync(3))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Attempts, Is.EqualTo(2), "a read is retried after an attempt timeout");
            Assert.That(e.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
            Assert.That(e.Message, Does.Contain("attempt timeout"));
        });
    }

    [Test]
    public void ChangeEmail_resend_rule_never_a_server_error_is_not_resent_and_says_the_change_may_have_been_applied()
    {
        Fake.ClearRequests();
        Fake.FailNext(FakeFault.ServerError(503), operation: FakeOperation.ChangeEmail);
        using var retrying = Fake.CreateClient();

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => retrying.Users.ChangeEmailAsync(3,
            new EmailChange { NewEmail = "ivan@example.org", Password = GcoreIamFakeSeed.DefaultPassword }))!;

        Assert.Multiple(() =>
        {
            Assert.That(Count(FakeOperation.ChangeEmail), Is.EqualTo(1), "a 5xx may come after Gcore acted: not sent again");
            Assert.That(e.Message, Does.StartWith("503").And.Contain("may have been applied").And.Contain("read the user"));
        });
    }
}
