namespace Gcore.Iam.Tests;

/// <summary>The API key: required before anything is sent, sent as is, and replaceable in place.</summary>
[TestFixture]
public class ClientBehaviourTests : GcoreIamTestBase
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void A_missing_API_key_fails_before_any_request_is_sent(string? key)
    {
        Respond("GET", "/iam/users/101", "user.json");
        using var client = CreateClient(o => o.ApiKey = key);

        var e = Assert.ThrowsAsync<GcoreIamConfigurationException>(() => client.Users.GetUserAsync(101))!;

        Assert.Multiple(() =>
        {
            Assert.That(e.Message, Does.Contain("API key").And.Contain("GCORE_API_KEY"));
            Assert.That(Server.LogEntries, Is.Empty);
        });
    }

    [Test]
    public async Task UpdateApiKey_changes_the_header_of_the_next_request()
    {
        const string rotated = "4243_RotatedTestKey0123456789abcdef";
        Respond("GET", "/iam/users/101", "user.json");

        await Client.Users.GetUserAsync(101);
        Client.UpdateApiKey(rotated);
        await Client.Users.GetUserAsync(101);

        var requests = ReceivedRequests();
        Assert.That(requests, Has.Count.EqualTo(2));
        AssertAuthorization(requests[0], ApiKey);
        AssertAuthorization(requests[1], rotated);
    }

    [Test]
    public async Task A_legacy_key_with_special_characters_is_sent_unchanged()
    {
        const string legacy = "4244$Legacy+Key/With=Chars";
        Respond("GET", "/iam/clients/me", "account-overview-minimal.json");
        using var client = CreateClient(o => o.ApiKey = legacy);

        await client.Account.GetAccountOverviewAsync();

        AssertAuthorization(SingleRequest(), legacy);
    }

    [Test]
    public void Options_and_client_descriptions_never_show_the_key()
    {
        var options = new GcoreIamClientOptions { ApiKey = ApiKey };

        Assert.Multiple(() =>
        {
            AssertNoKey(options.ToString(), "GcoreIamClientOptions.ToString()");
            AssertNoKey(Client.ToString(), "GcoreIamClient.ToString()");
            Assert.That(options.ToString(), Does.Contain("redacted"));
        });
    }

    [Test]
    public async Task A_base_URL_without_a_trailing_slash_still_reaches_the_right_path()
    {
        Respond("GET", "/iam/users/101", "user.json");
        using var client = CreateClient(o => o.BaseUrl = new Uri(Server.Url!.TrimEnd('/')));

        await client.Users.GetUserAsync(101);

        Assert.That(SingleRequest().AbsolutePath, Is.EqualTo("/iam/users/101"));
    }

    [TestCase("/gateway")]
    [TestCase("/gateway/")]
    public async Task A_base_URL_with_a_path_prefix_keeps_the_prefix(string prefix)
    {
        Respond("GET", "/gateway/iam/users/101", "user.json");
        using var client = CreateClient(o => o.BaseUrl = new Uri(Server.Url! + prefix));

        var user = await client.Users.GetUserAsync(101);

        Assert.Multiple(() =>
        {
            Assert.That(SingleRequest().AbsolutePath, Is.EqualTo("/gateway/iam/users/101"));
            Assert.That(user.Id, Is.EqualTo(101));
        });
    }

    [Test]
    public async Task Every_request_names_the_library_in_its_User_Agent()
    {
        Respond("GET", "/iam/clients/me", "account-overview-minimal.json");

        await Client.Account.GetAccountOverviewAsync();

        Assert.That(SingleRequest().Headers!["User-Agent"].Single(), Does.StartWith("Gcore.Iam.Generated/"));
    }
}
