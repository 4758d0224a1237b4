using System.Text;

namespace Gcore.Iam.Tests;

/// <summary>Error answers, odd success answers, and what the exceptions carry.</summary>
[TestFixture]
public class ErrorContractTests : GcoreIamTestBase
{
    // These tests are about what one error answer becomes; retries of 408/429/5xx are the fault matrix's subject.
    protected override void ConfigureClient(GcoreIamClientOptions options) => options.MaxRetries = 0;

    [TestCaseSource(typeof(Operation), nameof(Operation.All))]
    public void Every_operation_maps_a_404_with_only_a_message_to_NotFound(Operation operation)
    {
        RespondRaw(operation.Method, operation.Path, 404, Fixture("error-message-only.json"));

        var e = Assert.ThrowsAsync<GcoreIamNotFoundException>(() => operation.Call(Client))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(404));
            Assert.That(e.Method, Is.EqualTo(operation.Method));
            Assert.That(e.Path, Is.EqualTo(operation.Path));
            Assert.That(e.GcoreMessage, Is.EqualTo("User not found."));
            Assert.That(e.ExceptionClass, Is.Null);
            Assert.That(e.RequestId, Is.Null);
            Assert.That(e.FieldErrors, Is.Empty);
            Assert.That(e.Details.BodyIsJson, Is.True);
            Assert.That(e.ResponseBody, Is.EqualTo(Fixture("error-message-only.json")));
            Assert.That(e.Message, Does.Contain("404").And.Contain(operation.Path).And.Contain("User not found."));
        });
        if (operation.Anonymous)
        {
            // security: [] (logging in, refreshing, the password reset mail): no credentials at all.
            Assert.That(SingleRequest().Headers!.ContainsKey("Authorization"), Is.False);
        }
        else
        {
            AssertAuthorization(SingleRequest());
        }
    }

    [Test]
    public void A_full_Gcore_error_body_is_parsed_into_the_exception()
    {
        RespondRaw("PATCH", "/iam/users/101", 400, Fixture("error-full.json"));
        SendsRequestsOutsideTheSpec(); // an e-mail address that is not one, to see Gcore's answer

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.UpdateUserAsync(101, new UserUpdate { Email = "not-an-email" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(400));
            Assert.That(e.ExceptionClass, Is.EqualTo("ValidationError"));
            Assert.That(e.GcoreMessage, Is.EqualTo("Invalid data in request."));
            Assert.That(e.RequestId, Is.EqualTo("8d2c1f0e-4b3a-4e5f-9a7b-6c5d4e3f2a1b"));
            Assert.That(e.FieldErrors["email"], Is.EqualTo(new[] { "Enter a valid email address." }));
            Assert.That(e.FieldErrors["lang"], Is.EqualTo(new[] { "\"fr\" is not a valid choice." }));
            Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "email", "lang" }));
            Assert.That(e.Message, Does.Contain("Invalid data in request.").And.Contain("8d2c1f0e-4b3a-4e5f-9a7b-6c5d4e3f2a1b"));
            Assert.That(e.Headers["Content-Type"].Single(), Does.StartWith("application/json"));
        });
    }

    [Test]
    public void The_request_id_header_is_used_when_the_body_has_none()
    {
        Server.Given(WireMock.RequestBuilders.Request.Create().WithPath("/iam/clients/me").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(403)
                .WithHeader("Content-Type", "application/json")
                .WithHeader("X-Request-ID", "req-7f3a")
                .WithBody("""{"message": "You do not have permission to perform this action."}"""));

        var e = Assert.ThrowsAsync<GcoreIamPermissionDeniedException>(() => Client.Account.GetAccountOverviewAsync())!;

        Assert.Multiple(() =>
        {
            Assert.That(e.RequestId, Is.EqualTo("req-7f3a"));
            Assert.That(e.GcoreMessage, Is.EqualTo("You do not have permission to perform this action."));
        });
    }

    [Test]
    public void An_HTML_error_page_from_a_proxy_becomes_a_server_exception_with_the_page_as_body()
    {
        RespondRaw("GET", "/iam/users/101", 502, Fixture("error-proxy.html"), "text/html");

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.GetUserAsync(101))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(502));
            Assert.That(e.Details.BodyIsJson, Is.False);
            Assert.That(e.GcoreMessage, Is.Null);
            Assert.That(e.ExceptionClass, Is.Null);
            Assert.That(e.ResponseBody, Is.EqualTo(Fixture("error-proxy.html")));
            Assert.That(e.Message, Does.Contain("502").And.Contain("proxy"));
        });
    }

    [TestCase(400, typeof(GcoreIamBadRequestException))]
    [TestCase(401, typeof(GcoreIamAuthenticationException))]
    [TestCase(403, typeof(GcoreIamPermissionDeniedException))]
    [TestCase(404, typeof(GcoreIamNotFoundException))]
    [TestCase(409, typeof(GcoreIamConflictException))]
    [TestCase(422, typeof(GcoreIamUnprocessableEntityException))]
    [TestCase(429, typeof(GcoreIamRateLimitException))]
    [TestCase(500, typeof(GcoreIamServerException))]
    [TestCase(503, typeof(GcoreIamServerException))]
    [TestCase(418, typeof(GcoreIamApiException))]
    public void Each_error_status_maps_to_its_exception_type(int status, Type expected)
    {
        RespondRaw("GET", "/iam/users/101", status, Fixture("error-message-only.json"));

        var e = Assert.CatchAsync<GcoreIamApiException>(() => Client.Users.GetUserAsync(101))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.GetType(), Is.EqualTo(expected));
            Assert.That(e.StatusCode, Is.EqualTo(status));
            Assert.That(e.GcoreMessage, Is.EqualTo("User not found."));
        });
    }

    [Test]
    public void An_error_without_a_body_still_carries_the_status()
    {
        RespondRaw("DELETE", "/iam/v2/clients/200001/tokens/301", 500, body: null);

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.ApiTokens.DeleteApiTokenAsync(200001, 301))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(500));
            Assert.That(e.ResponseBody, Is.Null.Or.Empty);
            Assert.That(e.GcoreMessage, Is.Null);
        });
    }

    [Test]
    public void A_huge_error_body_is_kept_bounded()
    {
        var page = new StringBuilder("<html><body>");
        while (page.Length < 20_000)
        {
            page.Append("<p>upstream connect error or disconnect/reset before headers</p>\n");
        }

        RespondRaw("GET", "/iam/users/101", 503, page.Append("</body></html>").ToString(), "text/html");

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.GetUserAsync(101))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.ResponseBody!, Does.StartWith("<html><body><p>upstream connect error"));
            Assert.That(e.ResponseBody!, Has.Length.LessThanOrEqualTo(4096 + "…(truncated)".Length));
            Assert.That(e.ResponseBody!, Does.EndWith("(truncated)"));
            Assert.That(e.Message, Has.Length.LessThan(2000));
        });
    }

    [Test]
    public void An_API_key_echoed_in_a_JSON_error_body_never_reaches_the_exception_text()
    {
        var body = $$$"""
            {"message": "Invalid token: APIKey {{{ApiKey}}}", "exception_class": "AuthenticationFailed",
             "request_id": "r-1", "invalid_fields": {"authorization": "APIKey {{{ApiKey}}} is not valid"}}
            """;
        RespondRaw("GET", "/iam/users/101", 401, body);

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => Client.Users.GetUserAsync(101))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(401));
            AssertNoKey(e.Message, "Message");
            AssertNoKey(e.ToString(), "ToString()");
            AssertNoKey(e.GcoreMessage, "GcoreMessage");
            AssertNoKey(e.ResponseBody, "ResponseBody");
            AssertNoKey(string.Join(" ", e.FieldErrors.Values.SelectMany(v => v)), "FieldErrors");
            Assert.That(e.GcoreMessage, Does.StartWith("Invalid token"));
        });
    }

    [TestCase("The key {0} was revoked.")]
    [TestCase("Invalid token: APIKey {0}")]
    [TestCase("authorization={0}")]
    [TestCase("{0}")]
    public void An_API_key_echoed_bare_in_a_message_is_redacted_everywhere(string format)
    {
        var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, ApiKey);
        RespondRaw("DELETE", "/iam/v2/clients/200001/tokens/301", 401, new Newtonsoft.Json.Linq.JObject { ["message"] = message }.ToString());

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => Client.ApiTokens.DeleteApiTokenAsync(200001, 301))!;

        Assert.Multiple(() =>
        {
            AssertNoKey(e.Message, "Message");
            AssertNoKey(e.ToString(), "ToString()");
            AssertNoKey(e.GcoreMessage, "GcoreMessage");
            AssertNoKey(e.ResponseBody, "ResponseBody");
            // A boolean check: printing the message on failure could print the key.
            Assert.That(e.GcoreMessage?.Contains("[REDACTED]", StringComparison.Ordinal), Is.True, "GcoreMessage marks where the key was");
        });
    }

    [Test]
    public void A_JWT_this_process_never_held_is_redacted_by_its_shape()
    {
        // Tokens of a replaced JWT pair are forgotten by value; one echoed later is still caught by its shape.
        const string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg";
        RespondRaw("DELETE", "/iam/v2/clients/200001/tokens/301", 401, new Newtonsoft.Json.Linq.JObject { ["message"] = "Token " + jwt + " is not valid" }.ToString());

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => Client.ApiTokens.DeleteApiTokenAsync(200001, 301))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.ToString().Contains(jwt, StringComparison.Ordinal), Is.False, "ToString() shows the token");
            Assert.That(e.GcoreMessage, Is.EqualTo("Token [REDACTED] is not valid"));
        });
    }

    [Test]
    public void An_API_key_echoed_in_an_HTML_error_page_never_reaches_the_exception_text()
    {
        var page = $"<html><body><h1>403 Forbidden</h1><pre>Authorization: APIKey {ApiKey}</pre></body></html>";
        RespondRaw("GET", "/iam/users/101", 403, page, "text/html");

        var e = Assert.ThrowsAsync<GcoreIamPermissionDeniedException>(() => Client.Users.GetUserAsync(101))!;

        Assert.Multiple(() =>
        {
            AssertNoKey(e.Message, "Message");
            AssertNoKey(e.ToString(), "ToString()");
            AssertNoKey(e.ResponseBody, "ResponseBody");
            Assert.That(e.ResponseBody, Does.Contain("403 Forbidden"));
        });
    }

    [TestCaseSource(typeof(Operation), nameof(Operation.WithBody))]
    public void A_2xx_answer_with_malformed_JSON_is_an_invalid_response(Operation operation)
    {
        RespondRaw(operation.Method, operation.Path, operation.SuccessStatus, Fixture("user-truncated.json"));

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => operation.Call(Client))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(operation.SuccessStatus));
            Assert.That(e.InnerException, Is.InstanceOf<Newtonsoft.Json.JsonException>());
            AssertNoKey(e.ToString(), "ToString()");
        });
    }

    [TestCaseSource(typeof(Operation), nameof(Operation.WithBody))]
    public void A_2xx_answer_with_an_HTML_page_is_an_invalid_response(Operation operation)
    {
        RespondRaw(operation.Method, operation.Path, operation.SuccessStatus, Fixture("error-proxy.html"), "text/html");

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => operation.Call(Client))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(operation.SuccessStatus));
            Assert.That(e.Message, Does.Contain(operation.SuccessStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            AssertNoKey(e.ToString(), "ToString()");
        });
    }

    [TestCaseSource(typeof(Operation), nameof(Operation.WithBody))]
    public void A_2xx_answer_without_a_body_where_one_is_required_is_an_invalid_response(Operation operation)
    {
        RespondRaw(operation.Method, operation.Path, operation.SuccessStatus, body: null);

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => operation.Call(Client))!;

        Assert.That(e.StatusCode, Is.EqualTo(operation.SuccessStatus));
    }

    [Test]
    public void A_user_without_a_required_member_is_an_invalid_response_in_strict_mode()
    {
        Respond("GET", "/iam/users/107", "user-missing-email.json");
        using var strict = CreateClient(o => o.StrictResponses = true);

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => strict.Users.GetUserAsync(107))!;

        Assert.That(e.InnerException?.Message, Does.Contain("email"));
    }

    [Test]
    public async Task A_user_without_a_required_member_reads_as_absent_by_default()
    {
        Respond("GET", "/iam/users/107", "user-missing-email.json");

        var user = await Client.Users.GetUserAsync(107);

        Assert.Multiple(() =>
        {
            Assert.That(user.Id, Is.EqualTo(107));
            Assert.That(user.Email, Is.Empty);
        });
    }

    [Test]
    public void An_enum_member_that_is_not_a_string_is_an_invalid_response()
    {
        RespondRaw("GET", "/iam/users/101", 200, Fixture("user.json").Replace("\"lang\": \"de\"", "\"lang\": 5", StringComparison.Ordinal));

        var e = Assert.ThrowsAsync<GcoreIamInvalidResponseException>(() => Client.Users.GetUserAsync(101))!;

        Assert.That(e.InnerException?.Message, Does.Contain("UserLanguage"));
    }
}
