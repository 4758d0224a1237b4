using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gcore.Iam.Tests.Calls;

/// <summary>
/// <see cref="GcoreIamRequestOptions.NoThrow"/> on the wire: Gcore's error forms (and a 429) read into
/// <see cref="GcoreIamResponse.Error"/> as the exceptions read them, no secret in what the answer shows,
/// the options combined field by field, and error answers built by the model factory for users' mocks.
/// The behaviour against the fake (retries, resend rule, connection failures, timeouts, JWT session):
/// Gcore.Iam.Testing.Tests' <c>NoThrowTests</c>.
/// </summary>
[TestFixture]
public class NoThrowTests : GcoreIamTestBase
{
    private const string UserJson = """{"id":7,"email":"a@example.com","name":"A","phone":null}""";

    private static GcoreIamRequestOptions NoThrow => new() { NoThrow = true };

    protected override void ConfigureClient(GcoreIamClientOptions options) => options.MaxRetries = 0;

    [Test]
    public async Task A_flat_field_map_is_read_into_the_field_errors()
    {
        RespondRaw("PATCH", "/iam/users/101", 400, """{"errors": {"email": ["This field is required.", "Enter a valid email address."], "lang": "\"fr\" is not a valid choice."}}""");

        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.UpdateUserAsync(101, new UserUpdate { Name = "x" });

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(400));
            Assert.That(response.Error!.FieldErrors!.Keys, Is.EqualTo(new[] { "email", "lang" }));
            Assert.That(response.Error.FieldErrors["email"], Is.EqualTo(new[] { "This field is required.", "Enter a valid email address." }));
            Assert.That(response.Error.FieldErrors["lang"], Is.EqualTo(new[] { "\"fr\" is not a valid choice." }));
            Assert.That(response.Error.BodyIsJson, Is.True);
            Assert.That(response.ErrorMessage, Does.Contain("Gcore says these fields are invalid: email"));
            Assert.Throws<GcoreIamBadRequestException>(() => _ = response.Value);
        });
    }

    [Test]
    public async Task Nested_field_errors_are_read_as_dotted_paths()
    {
        RespondRaw("POST", "/iam/v2/clients/200001/tokens", 400, """{"errors": {"client_user": {"role": ["Invalid role: X"]}}}""");

        var response = await Client.ApiTokens.WithOptions(NoThrow).WithRawResponse.CreateApiTokenAsync(200001, Resilience.FaultMatrixTests.NewToken());

        Assert.That(response.Error!.FieldErrors!["client_user.role"], Is.EqualTo(new[] { "Invalid role: X" }));
    }

    [Test]
    public async Task A_bare_array_of_sentences_is_Gcores_message()
    {
        RespondRaw("POST", "/iam/clients/invite_user", 400, """["User 1004 has already been invited to client 200123"]""");

        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.InviteUserAsync(Resilience.FaultMatrixTests.Invite());

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.GcoreMessage, Is.EqualTo("User 1004 has already been invited to client 200123"));
            Assert.That(response.Error.FieldErrors, Is.Null.Or.Empty);
        });
    }

    [TestCase(401, typeof(GcoreIamAuthenticationException))]
    [TestCase(403, typeof(GcoreIamPermissionDeniedException))]
    [TestCase(404, typeof(GcoreIamNotFoundException))]
    [TestCase(409, typeof(GcoreIamConflictException))]
    [TestCase(422, typeof(GcoreIamUnprocessableEntityException))]
    public async Task A_message_answer_gives_the_status_Gcores_sentence_and_the_exception_by_status(int status, Type exception)
    {
        RespondRaw("GET", "/iam/users/7", status, """{"message": "Gcore's sentence."}""");

        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(status));
            Assert.That(response.Error!.GcoreMessage, Is.EqualTo("Gcore's sentence."));
            Assert.That(Assert.Catch(() => _ = response.Value), Is.TypeOf(exception));
        });
    }

    [Test]
    public async Task The_platform_form_gives_class_request_id_and_invalid_fields()
    {
        Server.Given(Request.Create().WithPath("/iam/users/101").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(422).WithHeader("Content-Type", "application/json").WithHeader("X-Request-ID", "header-id")
                .WithBody("""{"exception_class": "ValidationError", "message": "Invalid data in request.", "request_id": "r-42", "invalid_fields": {"phone": ["Enter a valid phone number."]}}"""));

        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.UpdateUserAsync(101, new UserUpdate { Name = "x" });

        Assert.Multiple(() =>
        {
            Assert.That(response.Error!.ExceptionClass, Is.EqualTo("ValidationError"));
            Assert.That(response.Error.GcoreMessage, Is.EqualTo("Invalid data in request."));
            Assert.That(response.Error.FieldErrors!["phone"], Is.EqualTo(new[] { "Enter a valid phone number." }));
            Assert.That(response.RequestId, Is.EqualTo("r-42"), "the body's request id, as the exception's");
            Assert.That(response.Headers[GcoreIamResponse.RequestIdHeader], Is.EqualTo(new[] { "header-id" }));
        });
    }

    [Test]
    public async Task A_429_gives_the_wait_Gcore_asked_for()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "7").WithBody("""{"message": "Request was throttled."}"""));

        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(429));
            Assert.That(response.Error!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(response.ErrorMessage, Does.Contain("retry after 7 s"));
            Assert.That(Assert.Throws<GcoreIamRateLimitException>(() => _ = response.Value)!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        });
    }

    [Test]
    public async Task An_error_body_that_echoes_the_key_shows_it_nowhere()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("X-Debug", "APIKey " + ApiKey)
                .WithBody($$"""{"message": "Invalid token: APIKey {{ApiKey}}"}"""));

        var response = await Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            AssertNoKey(response.ErrorMessage, "ErrorMessage");
            AssertNoKey(response.ToString(), "ToString()");
            AssertNoKey(response.Error!.GcoreMessage, "Error.GcoreMessage");
            AssertNoKey(response.Error.ResponseBody, "Error.ResponseBody");
            AssertNoKey(string.Join(" ", response.Headers.SelectMany(h => h.Value)), "Headers");
            AssertNoKey(Assert.Throws<GcoreIamAuthenticationException>(() => _ = response.Value)!.ToString(), "the exception of Value");
        });
    }

    [Test]
    public async Task Without_NoThrow_the_raw_view_still_throws()
    {
        RespondRaw("GET", "/iam/users/7", 404, """{"message": "Not found."}""");

        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.WithRawResponse.GetUserAsync(7));
        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.Users.WithOptions(new GcoreIamRequestOptions { NoThrow = false }).WithRawResponse.GetUserAsync(7));
        Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.SendAsync(HttpMethod.Get, "iam/users/7"));
        await Task.Yield();
    }

    [Test]
    public async Task Later_options_win_field_by_field_an_unset_NoThrow_keeps_the_views()
    {
        RespondRaw("GET", "/iam/users/7", 404, """{"message": "Not found."}""");
        var noThrow = Client.Users.WithOptions(NoThrow);

        var kept = await noThrow.WithOptions(new GcoreIamRequestOptions { Timeout = TimeSpan.FromSeconds(30) }).WithRawResponse.GetUserAsync(7);
        var keptByTheClientView = await Client.WithOptions(NoThrow).WithOptions(new GcoreIamRequestOptions().AddHeader("X-A", "1")).Users.WithRawResponse.GetUserAsync(7);
        var sentByTheClientView = await Client.WithOptions(NoThrow).SendAsync(HttpMethod.Get, "iam/users/7");

        Assert.Multiple(() =>
        {
            Assert.That(kept.IsError, Is.True);
            Assert.That(keptByTheClientView.IsError, Is.True);
            Assert.That(sentByTheClientView.IsError, Is.True);
            Assert.ThrowsAsync<GcoreIamNotFoundException>(() => noThrow.WithOptions(new GcoreIamRequestOptions { NoThrow = false }).WithRawResponse.GetUserAsync(7),
                "a later false turns it off");
            Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.WithOptions(NoThrow).SendAsync(HttpMethod.Get, "iam/users/7", options: new GcoreIamRequestOptions { NoThrow = false }),
                "SendAsync's options win over the view's");
        });
    }

    [Test]
    public async Task Under_AddGcoreIam_Pollys_retries_come_first_and_the_last_answer_is_returned()
    {
        RespondRaw("GET", "/iam/users/7", 503, """{"message": "Unavailable."}""");
        var services = new ServiceCollection();
        services.AddGcoreIam(o =>
        {
            o.ApiKey = ApiKey;
            o.BaseUrl = new Uri(Server.Url!);
            o.MaxRetries = 2;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        });
        using var provider = services.BuildServiceProvider();
        var users = provider.GetRequiredService<IUsersClient>();

        var response = await users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(503));
            Assert.That(response.Attempts, Is.EqualTo(3));
            Assert.That(response.Error!.GcoreMessage, Is.EqualTo("Unavailable."));
            Assert.That(ReceivedRequests(), Has.Count.EqualTo(3), "what the server saw");
        });
    }

    [Test]
    public void The_options_show_NoThrow_when_set()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new GcoreIamRequestOptions { NoThrow = true }.ToString(), Is.EqualTo("GcoreIamRequestOptions { Timeout = (client's), MaxRetries = (client's), NoThrow = true, Headers = [] }"));
            Assert.That(new GcoreIamRequestOptions { NoThrow = false }.ToString(), Does.Contain("NoThrow = false"));
            Assert.That(new GcoreIamRequestOptions().ToString(), Does.Not.Contain("NoThrow"));
        });
    }

    [Test]
    public async Task A_success_through_a_NoThrow_view_is_the_same_as_without()
    {
        Server.Given(Request.Create().WithPath("/iam/users/7").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("X-Request-ID", "ok-1").WithBody(UserJson));

        var plain = await Client.Users.WithRawResponse.GetUserAsync(7);
        var noThrow = await Client.Users.WithOptions(NoThrow).WithRawResponse.GetUserAsync(7);

        Assert.Multiple(() =>
        {
            Assert.That(noThrow.ToString(), Is.EqualTo(plain.ToString()));
            Assert.That(noThrow.Value.Email, Is.EqualTo(plain.Value.Email));
            Assert.That(noThrow.IsError, Is.False);
            Assert.That(noThrow.Error, Is.Null);
        });
    }

    [Test]
    public void The_model_factory_builds_error_answers_for_mocks()
    {
        var details = new GcoreIamErrorDetails { StatusCode = 404, Method = "GET", Path = "/iam/users/7", GcoreMessage = "User not found.", RequestId = "m-1" };

        var typed = GcoreIamModelFactory.FailedResponse<User>(details);
        var withoutBody = GcoreIamModelFactory.FailedResponseWithoutBody(details);

        Assert.Multiple(() =>
        {
            Assert.That(typed.IsError, Is.True);
            Assert.That(typed.StatusCode, Is.EqualTo(404));
            Assert.That(typed.Error, Is.SameAs(details));
            Assert.That(typed.RequestId, Is.EqualTo("m-1"));
            Assert.That(Assert.Throws<GcoreIamNotFoundException>(() => _ = typed.Value)!.Message, Does.Contain("User not found."));
            Assert.Throws<GcoreIamNotFoundException>(withoutBody.ThrowIfError);
            Assert.Throws<ArgumentOutOfRangeException>(() => GcoreIamModelFactory.FailedResponse<User>(new GcoreIamErrorDetails { StatusCode = 200, Method = "GET", Path = "/" }));
        });
    }
}
