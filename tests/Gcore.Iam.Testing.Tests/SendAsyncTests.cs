namespace Gcore.Iam.Testing.Tests;

/// <summary>
/// <see cref="GcoreIamClient.SendAsync"/> against the fake: the request carries the client's credential
/// (the fake's request log keeps the scheme it used), and an error answer is the library's exception.
/// </summary>
[TestFixture]
public class SendAsyncTests : FakeServerTestBase
{
    [Test]
    public void A_path_the_spec_lacks_carries_the_api_key_and_its_404_is_the_librarys_not_found()
    {
        Fake.ClearRequests();

        var e = Assert.ThrowsAsync<GcoreIamNotFoundException>(() => Client.SendAsync(HttpMethod.Get, "iam/feature-gcore-added-yesterday"))!;

        var request = Fake.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Operation, Is.EqualTo(FakeOperation.Unknown));
            Assert.That(request.Path, Is.EqualTo("/iam/feature-gcore-added-yesterday"));
            Assert.That(request.AuthScheme, Is.EqualTo("APIKey"), "the client's credential went with it");
            Assert.That(e.Path, Is.EqualTo("/iam/feature-gcore-added-yesterday"));
            Assert.That(e.Message, Does.Not.Contain(Fake.ApiKey));
        });
    }

    [Test]
    public async Task A_known_path_answers_the_same_json_as_the_typed_method()
    {
        var typed = await Client.Users.GetUserAsync(3);

        var raw = await Client.SendAsync(HttpMethod.Get, "iam/users/3");

        Assert.Multiple(() =>
        {
            Assert.That((int?)raw.Value!["id"], Is.EqualTo(typed.Id));
            Assert.That((string?)raw.Value!["email"], Is.EqualTo(typed.Email));
            Assert.That(raw.RequestId, Does.StartWith("fake-"));
        });
    }

    [Test]
    public async Task A_logged_in_client_sends_its_session_token()
    {
        using var gcore = Fake.CreateClient(o =>
        {
            o.ApiKey = null;
            o.Username = "john.doe@example.com";
            o.Password = GcoreIamFakeSeed.DefaultPassword;
        });
        Fake.ClearRequests();

        var raw = await gcore.SendAsync(HttpMethod.Get, "iam/clients/me");

        Assert.Multiple(() =>
        {
            Assert.That(raw.StatusCode, Is.EqualTo(200));
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.LogIn, FakeOperation.GetAccountOverview }));
            Assert.That(Fake.Requests.Select(r => r.AuthScheme), Is.EqualTo(new string?[] { null, "Bearer" }));
        });
    }

    [Test]
    public async Task A_body_is_sent_as_json_and_its_refusal_names_the_fields()
    {
        Fake.ClearRequests();

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => Client.SendAsync(HttpMethod.Patch, "iam/users/3", new { lang = "xx" }))!;
        var ok = await Client.SendAsync(HttpMethod.Patch, "iam/users/3", new { name = "Ivan P." }, new GcoreIamRequestOptions { SafeToResend = true });

        Assert.Multiple(() =>
        {
            Assert.That(e.FieldErrors.Keys, Does.Contain("lang"));
            Assert.That((string?)ok.Value!["name"], Is.EqualTo("Ivan P."));
            Assert.That(Fake.Requests.Select(r => r.Operation), Is.EqualTo(new[] { FakeOperation.UpdateUser, FakeOperation.UpdateUser }));
        });
    }
}
