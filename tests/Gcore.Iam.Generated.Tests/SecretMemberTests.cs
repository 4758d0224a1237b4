using Gcore.Iam.Testing;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Tests;

/// <summary>
/// The request-body members that carry secrets are one list, the operation table's, written into the
/// spec as <c>x-gcore-secret</c>: every one of them (found in the spec at run time, not listed here) is
/// redacted from an exception whose error answer echoes it, and from the fake's request log.
/// </summary>
[TestFixture]
public sealed class SecretMemberTests : GcoreIamTestBase
{
    private const string SecretExtension = "x-gcore-secret";

    /// <summary>Each operation that takes a body, with each member of the body the spec marks secret.</summary>
    public static IEnumerable<TestCaseData> Secrets() =>
        from operation in Operation.All
        let body = operation.SpecOperation.RequestBody?.ActualRequestBody.Content.Values.FirstOrDefault()?.Schema?.ActualSchema
        where body is not null
        from member in body.ActualProperties
        where member.Value.ExtensionData?.ContainsKey(SecretExtension) == true
        select new TestCaseData(operation, member.Key).SetArgDisplayNames(operation.Name, member.Key);

    [Test]
    public void Every_password_member_of_a_request_body_is_declared_secret()
    {
        var bodies = Operation.All
            .Select(o => o.SpecOperation.RequestBody?.ActualRequestBody.Content.Values.FirstOrDefault()?.Schema?.ActualSchema)
            .OfType<NJsonSchema.JsonSchema>()
            .Distinct()
            .ToList();
        var passwords = bodies.SelectMany(b => b.ActualProperties).Where(m => m.Key.Contains("password", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(passwords, Is.Not.Empty);
            Assert.That(passwords.Where(m => m.Value.ExtensionData?.ContainsKey(SecretExtension) != true).Select(m => m.Key), Is.Empty,
                "a body member named like a password that the operation table does not declare secret");
            Assert.That(Secrets().Count(), Is.GreaterThanOrEqualTo(passwords.Count));
        });
    }

    [TestCaseSource(nameof(Secrets))]
    public void A_secret_member_that_an_error_answer_echoes_is_redacted_from_the_exception(Operation operation, string member)
    {
        // Letters only: not shaped like a credential, so only the declared list can redact it.
        var secret = "Quietmeadowlark" + new string(member.Where(char.IsLetter).ToArray());
        RespondRaw(operation.Method, operation.Path, 400, new JObject
        {
            ["message"] = $"Rejected {secret}.",
            ["errors"] = new JObject { [member] = new JArray($"{secret} is not accepted.") },
        }.ToString());

        var e = Assert.ThrowsAsync<GcoreIamBadRequestException>(() => operation.CallWith(Client, new Dictionary<string, object?>(), BodyWith(operation, member, secret)))!;

        Assert.Multiple(() =>
        {
            Assert.That(SingleRequest().Body, Does.Contain(secret), "the secret was sent");
            Assert.That(e.ToString(), Does.Not.Contain(secret));
            Assert.That(e.ResponseBody, Does.Not.Contain(secret));
            Assert.That(e.GcoreMessage, Does.Not.Contain(secret));
            Assert.That(e.FieldErrors.SelectMany(f => f.Value), Has.None.Contain(secret));
            Assert.That(e.Message, Does.Contain(Redaction.Marker), "the echo is there, redacted");
        });
    }

    [TestCaseSource(nameof(Secrets))]
    public async Task A_secret_member_is_redacted_from_the_fakes_request_log(Operation operation, string member)
    {
        await using var fake = GcoreIamFakeServer.Start();
        using var client = new GcoreIamClient(new GcoreIamClientOptions { ApiKey = fake.ApiKey, BaseUrl = fake.BaseUrl, MaxRetries = 0 });
        var secret = "Hushedorchard" + new string(member.Where(char.IsLetter).ToArray());

        try
        {
            await operation.CallWith(client, new Dictionary<string, object?>(), BodyWith(operation, member, secret));
        }
        catch (GcoreIamException)
        {
            // The fake may refuse the made-up secret; the request is logged either way.
        }

        var logged = fake.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(logged.Body, Does.Not.Contain(secret));
            Assert.That((string?)JObject.Parse(logged.Body!)[member], Is.EqualTo("[REDACTED]"));
        });
    }

    /// <summary>The operation's request fixture with <paramref name="member"/> set to <paramref name="secret"/>.</summary>
    private static string BodyWith(Operation operation, string member, string secret)
    {
        var body = (JObject)FixtureJson(operation.BodyFixture!);
        body[member] = secret;
        return body.ToString();
    }
}
