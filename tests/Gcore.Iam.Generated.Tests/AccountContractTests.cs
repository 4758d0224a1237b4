namespace Gcore.Iam.Tests;

[TestFixture]
public class AccountContractTests : GcoreIamTestBase
{
    [Test]
    public async Task GetAccountOverview_sends_GET_and_maps_camelCase_and_snake_case_fields()
    {
        Respond("GET", "/iam/clients/me", "account-overview.json");

        var account = await Client.Account.GetAccountOverviewAsync();

        var request = SingleRequest();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("GET"));
            Assert.That(request.AbsolutePath, Is.EqualTo("/iam/clients/me"));
            Assert.That(QueryOf(request), Is.Empty);
            Assert.That(request.Body, Is.Null.Or.Empty);
            AssertAuthorization(request);

            Assert.That(account.Id, Is.EqualTo(200001));
            Assert.That(account.Email, Is.EqualTo("billing@example.com"));
            Assert.That(account.BillType, Is.EqualTo("prepaid"));
            Assert.That(account.Status, Is.EqualTo(AccountStatus.Active));
            Assert.That(account.Status.IsKnown, Is.True);
            Assert.That(account.Deleted, Is.False);
            Assert.That(account.IsTest, Is.False);
            Assert.That(account.HasActiveAdmin, Is.True);
            Assert.That(account.CompanyName, Is.EqualTo("Example GmbH"));
            Assert.That(account.CurrentUser, Is.EqualTo(101));
            Assert.That(account.EntryBaseDomain, Is.EqualTo("example.gcdn.co"));
            Assert.That(account.Name, Is.EqualTo("Example production"));
            Assert.That(account.Capabilities, Is.EqualTo(new[] { Capability.Cdn, Capability.Storage, Capability.Dns, Capability.Cloud }));
            Assert.That(account.CountryCode, Is.EqualTo("DE"));
            Assert.That(account.CustomId, Is.Null);
            Assert.That(account.CustomIdIsSet, Is.True);
            Assert.That(account.Phone, Is.EqualTo("+49 30 1234567"));
            Assert.That(account.Website, Is.EqualTo("https://example.com"));
            Assert.That(account.SignupProcess, Is.EqualTo(SignupProcess.SignUpFull));
            Assert.That(account.AdditionalProperties, Is.Empty);
        });
    }

    [Test]
    public async Task GetAccountOverview_maps_features_service_statuses_and_users()
    {
        Respond("GET", "/iam/clients/me", "account-overview.json");

        var account = await Client.Account.GetAccountOverviewAsync();

        Assert.Multiple(() =>
        {
            Assert.That(account.FreeFeatures!.Keys, Is.EquivalentTo(new[] { "CDN", "STORAGE" }));
            var free = account.FreeFeatures["CDN"].Single();
            Assert.That((free.FeatureId, free.FreeFeatureId, free.Name, free.Service, free.CreateDate),
                Is.EqualTo((1, 10101, "CDN", (Capability?)Capability.Cdn, "2024-03-01 10:15:00")));
            Assert.That(account.FreeFeatures["STORAGE"].Single().FreeFeatureId, Is.EqualTo(10102));

            var paid = account.PaidFeatures!["CDN"].Single();
            Assert.That((paid.FeatureId, paid.PaidFeatureId, paid.Name, paid.Service, paid.CreateDate),
                Is.EqualTo((156, 20301, "IMAGE_STACK", (Capability?)Capability.Cdn, "2025-01-20 08:00:00")));

            Assert.That(account.ServiceStatuses!.Keys, Is.EquivalentTo(new[] { "CDN", "STORAGE", "STREAMING", "DNS" }));
            Assert.That(account.ServiceStatuses["CDN"].Enabled, Is.True);
            Assert.That(account.ServiceStatuses["CDN"].Status, Is.EqualTo(ServiceState.Active));
            Assert.That(account.ServiceStatuses["STORAGE"].Status, Is.EqualTo(ServiceState.Trial));
            Assert.That(account.ServiceStatuses["STREAMING"].Enabled, Is.False);
            Assert.That(account.ServiceStatuses["STREAMING"].Status, Is.EqualTo(ServiceState.New));
            Assert.That(account.ServiceStatuses["DNS"].Status, Is.EqualTo(ServiceState.Activating));

            Assert.That(account.Users, Has.Count.EqualTo(2));
            var admin = account.Users![0];
            Assert.That(admin.Id, Is.EqualTo(101));
            Assert.That(admin.Email, Is.EqualTo("anna.schmidt@example.com"));
            Assert.That(admin.Name, Is.EqualTo("Anna Schmidt"));
            Assert.That(admin.Phone, Is.Null);
            Assert.That(admin.PhoneIsSet, Is.True);
            Assert.That(admin.Lang, Is.EqualTo(UserLanguage.De));
            Assert.That(admin.Deleted, Is.False);
            Assert.That(admin.Activated, Is.True);
            Assert.That(admin.SsoAuth, Is.False);
            Assert.That(admin.TwoFa, Is.True);
            Assert.That(admin.Groups!.Single().Name, Is.EqualTo(UserGroupName.Administrators));

            // Every field of an account user may be absent.
            var sparse = account.Users[1];
            Assert.That(sparse.Id, Is.EqualTo(102));
            Assert.That(sparse.Email, Is.EqualTo("john.carter@example.com"));
            Assert.That(sparse.Name, Is.Null);
            Assert.That(sparse.NameIsSet, Is.False);
            Assert.That(sparse.Lang, Is.Null);
            Assert.That(sparse.Groups, Is.Null);
        });
    }

    [Test]
    public async Task GetAccountOverview_with_only_the_required_fields_leaves_the_rest_absent()
    {
        Respond("GET", "/iam/clients/me", "account-overview-minimal.json");

        var account = await Client.Account.GetAccountOverviewAsync();

        Assert.Multiple(() =>
        {
            Assert.That(account.Id, Is.EqualTo(200009));
            Assert.That(account.Status, Is.EqualTo(AccountStatus.Trial));
            Assert.That(account.CompanyName, Is.EqualTo("Example Org"));
            Assert.That(account.CurrentUser, Is.EqualTo(190));
            // Members the description requires read as absent: the type's default (null where it allows null).
            Assert.That(account.BillType, Is.Empty);
            Assert.That(account.EntryBaseDomain, Is.Null);
                        Assert.That(account.Capabilities, Is.Empty);
            Assert.That(account.FreeFeatures, Is.Empty);
            Assert.That(account.PaidFeatures, Is.Empty);
            Assert.That(account.ServiceStatuses, Is.Empty);
            Assert.That(account.Users, Is.Null);
            Assert.That(account.CountryCode, Is.Null);
        });
    }

    [Test]
    public async Task GetAccountOverview_keeps_unknown_status_and_capabilities_visible()
    {
        Respond("GET", "/iam/clients/me", "account-overview-unknown-enums.json");

        var account = await Client.Account.GetAccountOverviewAsync();

        Assert.Multiple(() =>
        {
            Assert.That(account.Status.IsKnown, Is.False);
            Assert.That(account.Status.Value, Is.EqualTo("suspended"));
            Assert.That(account.Capabilities!.Select(c => (c.Value, c.IsKnown)),
                Is.EqualTo(new[] { ("CDN", true), ("FASTEDGE", false), ("WAAP", false) }));
            Assert.That(account.ServiceStatuses!["FASTEDGE"].Status!.Value.IsKnown, Is.False);
            Assert.That(account.ServiceStatuses["FASTEDGE"].Status!.Value.Value, Is.EqualTo("migrating"));
            Assert.That(account.Name, Is.Null);
        });
    }
}
