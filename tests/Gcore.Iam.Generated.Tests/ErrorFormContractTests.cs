namespace Gcore.Iam.Tests;

/// <summary>
/// Every error body Gcore documents (and what proxies send instead), on the operations that answer
/// it: what <see cref="GcoreIamApiException"/> gives (<c>FieldErrors</c>, <c>GcoreMessage</c>) and
/// what its message says.
/// </summary>
[TestFixture]
public class ErrorFormContractTests : GcoreIamTestBase
{
    protected override void ConfigureClient(GcoreIamClientOptions options) => options.MaxRetries = 0;

    [Test]
    public void ValidationError_a_flat_field_map_names_each_field_with_its_sentences()
    {
        RespondRaw("PATCH", "/iam/users/101", 400, """{"errors": {"email": ["This field is required.", "Enter a valid email address."], "lang": ["\"fr\" is not a valid choice."]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.UpdateUserAsync(101, new UserUpdate { Name = "x" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "email", "lang" }));
            Assert.That(e.FieldErrors["email"], Is.EqualTo(new[] { "This field is required.", "Enter a valid email address." }));
            Assert.That(e.FieldErrors["lang"], Is.EqualTo(new[] { "\"fr\" is not a valid choice." }));
            Assert.That(e.GcoreMessage, Is.Null);
            Assert.That(e.Message, Does.Contain("""Gcore says these fields are invalid: email ("This field is required. Enter a valid email address."), lang ("""));
            Assert.That(e.Message, Does.Not.Contain("proxy"));
        });
    }

    [Test]
    public void ValidationError_a_single_sentence_instead_of_a_list_is_read_as_a_list_of_one()
    {
        RespondRaw("GET", "/iam/users", 400, """{"errors": {"limit": "Ensure this value is less than or equal to 1000."}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.ListUsersAsync(10))!;

        Assert.That(e.FieldErrors["limit"], Is.EqualTo(new[] { "Ensure this value is less than or equal to 1000." }));
    }

    [Test]
    public void CreateTokenError_nested_field_errors_are_read_as_dotted_paths()
    {
        RespondRaw("POST", "/iam/v2/clients/200001/tokens", 400, """{"errors": {"client_user": {"role": ["Invalid role: X"]}, "exp_date": ["Date must be in the future."]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.ApiTokens.CreateApiTokenAsync(200001, Resilience.FaultMatrixTests.NewToken()))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "client_user.role", "exp_date" }));
            Assert.That(e.FieldErrors["client_user.role"], Is.EqualTo(new[] { "Invalid role: X" }));
            Assert.That(e.Message, Does.Contain("""client_user.role ("Invalid role: X")"""));
        });
    }

    [Test]
    public void A_list_of_objects_in_field_errors_is_read_with_the_index_in_the_path()
    {
        RespondRaw("PATCH", "/iam/users/101", 400, """{"errors": {"auth_types": [{"type": ["Unknown auth type."]}, {}]}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.UpdateUserAsync(101, new UserUpdate { Name = "x" }))!;

        Assert.That(e.FieldErrors["auth_types.0.type"], Is.EqualTo(new[] { "Unknown auth type." }));
    }

    [Test]
    public void InviteUserError_a_bare_array_of_sentences_is_Gcores_message()
    {
        RespondRaw("POST", "/iam/clients/invite_user", 400, """["User 1004 has already been invited to client 200123"]""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.InviteUserAsync(Resilience.FaultMatrixTests.Invite()))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.GcoreMessage, Is.EqualTo("User 1004 has already been invited to client 200123"));
            Assert.That(e.FieldErrors, Is.Empty);
            Assert.That(e.Message, Does.Contain("Gcore says: \"User 1004 has already been invited to client 200123\"."));
        });
    }

    [Test]
    public void JSONParseError_a_message_is_Gcores_message()
    {
        RespondRaw("POST", "/iam/clients/invite_user", 400, """{"message": "JSON parse error - Expecting value: line 1 column 1 (char 0)"}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.InviteUserAsync(Resilience.FaultMatrixTests.Invite()))!;

        Assert.That(e.GcoreMessage, Is.EqualTo("JSON parse error - Expecting value: line 1 column 1 (char 0)"));
    }

    [TestCase(401, "Invalid token.", typeof(GcoreIamAuthenticationException))]
    [TestCase(403, "You do not have permission to perform this action.", typeof(GcoreIamPermissionDeniedException))]
    [TestCase(404, "Not found.", typeof(GcoreIamNotFoundException))]
    public void A_message_answer_to_401_403_404_is_Gcores_message(int status, string sentence, Type expected)
    {
        RespondRaw("GET", "/iam/v2/clients/200001/tokens/301", status, $$"""{"message": "{{sentence}}"}""");

        var e = Assert.CatchAsync<GcoreIamApiException>(() => Client.ApiTokens.GetApiTokenAsync(200001, 301))!;

        Assert.Multiple(() =>
        {
            Assert.That(e, Is.TypeOf(expected));
            Assert.That(e.GcoreMessage, Is.EqualTo(sentence));
            Assert.That(e.Message, Does.Contain($"Gcore says: \"{sentence}\"."));
        });
    }

    [Test]
    public void A_detail_answer_from_Django_REST_framework_is_Gcores_message()
    {
        RespondRaw("GET", "/iam/clients/me", 401, """{"detail": "Authentication credentials were not provided."}""");

        var e = Assert.ThrowsAsync<GcoreIamAuthenticationException>(() => Client.Account.GetAccountOverviewAsync())!;

        Assert.That(e.GcoreMessage, Is.EqualTo("Authentication credentials were not provided."));
    }

    [Test]
    public void A_bare_field_map_without_errors_is_read_as_field_errors()
    {
        RespondRaw("POST", "/iam/clients/invite_user", 400, """{"email": ["Enter a valid email address."], "user_role": ["This field is required."]}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.InviteUserAsync(Resilience.FaultMatrixTests.Invite()))!;

        Assert.That(e.FieldErrors.Keys, Is.EqualTo(new[] { "email", "user_role" }));
    }

    [Test]
    public void The_platform_form_gives_class_message_request_id_and_invalid_fields()
    {
        RespondRaw("PATCH", "/iam/users/101", 422, """
            {"exception_class": "ValidationError", "message": "Invalid data in request.", "request_id": "r-42",
             "info": {"docs": "https://example.com"}, "invalid_fields": {"phone": ["Enter a valid phone number."], "name": "Too long."}}
            """);

        var e = Assert.ThrowsAsync<GcoreIamUnprocessableEntityException>(() => Client.Users.UpdateUserAsync(101, new UserUpdate { Name = "x" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.ExceptionClass, Is.EqualTo("ValidationError"));
            Assert.That(e.GcoreMessage, Is.EqualTo("Invalid data in request."));
            Assert.That(e.RequestId, Is.EqualTo("r-42"));
            Assert.That(e.FieldErrors["phone"], Is.EqualTo(new[] { "Enter a valid phone number." }));
            Assert.That(e.FieldErrors["name"], Is.EqualTo(new[] { "Too long." }));
            Assert.That(e.Message, Does.Contain("phone (\"Enter a valid phone number.\")").And.Contain("Gcore says: \"Invalid data in request.\"").And.Contain("r-42"));
        });
    }

    [Test]
    public void An_HTML_502_from_a_proxy_has_no_fields_and_says_a_proxy_may_have_answered()
    {
        RespondRaw("DELETE", "/iam/clients/200001/client-users/101", 502, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", "text/html");

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => Client.Users.RevokeAccessAsync(200001, 101))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.FieldErrors, Is.Empty);
            Assert.That(e.GcoreMessage, Is.Null);
            Assert.That(e.Details.BodyIsJson, Is.False);
            Assert.That(e.Message, Does.StartWith("502 Bad Gateway from DELETE /iam/clients/200001/client-users/101").And.Contain("a proxy may have answered"));
        });
    }

    [Test]
    public void An_empty_error_body_gives_the_status_and_its_advice_only()
    {
        RespondRaw("GET", "/iam/users/101", 400, body: null);

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.GetUserAsync(101))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.FieldErrors, Is.Empty);
            Assert.That(e.GcoreMessage, Is.Null);
            Assert.That(e.Message, Is.EqualTo("400 Bad Request from GET /iam/users/101: the request was rejected as invalid; check the values sent."));
        });
    }

    [Test]
    public void Field_errors_in_the_message_are_redacted_and_bounded()
    {
        var many = string.Join(", ", Enumerable.Range(1, 80).Select(i => $$"""
            "field{{i}}": ["{{new string('x', 700)}}"]
            """.Trim()));
        RespondRaw("PATCH", "/iam/users/101", 400, $$$"""{"errors": {"token": ["token={{{ApiKey}}} is not valid"], {{{many}}}}}""");

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.Users.UpdateUserAsync(101, new UserUpdate { Name = "x" }))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Not.Contain(ApiKey));
            Assert.That(string.Join(" ", e.FieldErrors.Values.SelectMany(v => v)), Does.Not.Contain(ApiKey));
            Assert.That(e.FieldErrors, Has.Count.EqualTo(50));
            Assert.That(e.FieldErrors["field1"].Single(), Has.Length.LessThanOrEqualTo(501));
            Assert.That(e.Message, Has.Length.LessThan(1500));
            Assert.That(e.Message, Does.Contain("more"));
        });
    }
}
