using Gcore.Iam.Testing.Spec;

namespace Gcore.Iam.Testing.Tests;

/// <summary><see cref="GcoreIamSpecCheck.CheckResponse"/>: answers read strictly against the spec, each deviation by JSON pointer.</summary>
[TestFixture]
public class ResponseCheckTests
{
    private const string User = """
        {"id": 7, "email": "a@example.com", "name": "A", "lang": "de", "phone": null, "company": "C", "reseller": 1, "client": 200001,
         "deleted": false, "groups": [{"id": 1, "name": "Administrators"}], "activated": true, "sso_auth": false, "two_fa": false,
         "auth_types": ["password"], "user_type": "common", "is_active": true}
        """;

    [Test]
    public void A_conforming_answer_has_no_deviation()
    {
        Assert.That(GcoreIamSpecCheck.CheckResponse("GET", "/iam/users/7", 200, User), Is.Empty);
    }

    [Test]
    public void A_deviation_deep_in_an_answer_is_named_by_its_pointer()
    {
        var page = $$"""{"count": 1.0, "next": null, "previous": null, "results": [{{User.Replace("\"id\": 1,", "\"id\": 1.0,", StringComparison.Ordinal)}}]}""";

        var deviations = GcoreIamSpecCheck.CheckResponse("GET", "/iam/users", 200, page);

        Assert.That(deviations.Select(d => d.ToString()), Is.EquivalentTo(new[]
        {
            "Users_ListUsers /count: WholeNumberAsFloat (expected integer, seen number 1.0)",
            "Users_ListUsers /results/0/groups/0/id: WholeNumberAsFloat (expected integer, seen number 1.0)",
        }));
    }

    [Test]
    public void A_string_is_described_by_its_kind_never_by_its_text()
    {
        var deviations = GcoreIamSpecCheck.CheckResponse("GET", "/iam/users/7", 200, User.Replace("\"id\": 7", "\"id\": \"a-secret-value\"", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(deviations.Select(d => (d.Location, d.Kind, d.Seen)), Is.EqualTo(new[] { ("/id", GcoreIamDeviationKind.WrongType, "string") }));
            Assert.That(deviations.Single().ToString(), Does.Not.Contain("a-secret-value"));
        });
    }

    [Test]
    public void Another_status_or_a_body_where_none_is_described_is_reported()
    {
        var status = GcoreIamSpecCheck.CheckResponse("GET", "/iam/users/7", 204, null);
        var body = GcoreIamSpecCheck.CheckResponse("DELETE", "/iam/v2/clients/1/tokens/2", 200, "{\"detail\": \"deleted\"}");

        Assert.Multiple(() =>
        {
            Assert.That(status.Select(d => (d.Kind, d.Expected, d.Seen)), Is.EqualTo(new[] { (GcoreIamDeviationKind.OtherStatus, "one of 200, 401, 404", "204") }));
            Assert.That(body.Select(d => (d.Kind, d.Expected)), Is.EqualTo(new[] { (GcoreIamDeviationKind.OtherShape, "no body") }), "the DELETEs answer without a body");
        });
    }

    [Test]
    public async Task A_map_takes_any_key_and_checks_its_values()
    {
        await using var fake = GcoreIamFakeServer.Start();
        using var http = new HttpClient { BaseAddress = fake.BaseUrl };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "APIKey " + fake.ApiKey);
        var overview = Newtonsoft.Json.Linq.JObject.Parse(await http.GetStringAsync(new Uri("iam/clients/me", UriKind.Relative)));
        // serviceStatuses is a map keyed by service: a service this spec does not name is no extra member, but its value is checked.
        overview["serviceStatuses"]!["NEWSERVICE"] = new Newtonsoft.Json.Linq.JObject { ["enabled"] = "yes" };

        var deviations = GcoreIamSpecCheck.CheckResponse("GET", "/iam/clients/me", 200, overview.ToString());

        Assert.That(deviations.Select(d => (d.Location, d.Kind)), Is.EqualTo(new[] { ("/serviceStatuses/NEWSERVICE/enabled", GcoreIamDeviationKind.WrongType) }));
    }

    [Test]
    public void A_listed_error_status_is_not_a_deviation_and_an_unknown_path_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(GcoreIamSpecCheck.CheckResponse("GET", "/iam/users/7", 404, "{\"message\": \"User not found.\"}"), Is.Empty);
            Assert.That(() => GcoreIamSpecCheck.CheckResponse("GET", "/iam/nothing", 200, "{}"), Throws.ArgumentException.With.Message.Contains("/iam/nothing"));
        });
    }
}
