using System.Globalization;
using Gcore.Iam.Testing;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Tests;

/// <summary>
/// Every operation whose resend rule is <c>never</c> (the operation table's <c>x-gcore-resend</c>, read from the
/// spec at run time: no operation is named here), against the fake on a real loopback socket. Gcore applies the
/// change and the connection closes before the answer (the fake's apply-then-drop), or Gcore answers a 5xx: the
/// server sees exactly one request, and the caller is told the change may have been applied and how to check
/// (the rule's declared check). The client retries (its default retries), so a resend would be seen.
/// The call is the operation's request fixture, sent as a seeded user of the fake (<see cref="FakeIds"/>) whose
/// password is the fake's (every secret body member: <see cref="GcoreIamFakeSeed.DefaultPassword"/>).
/// </summary>
[TestFixture]
public sealed class LostAnswerRuleTests
{
    /// <summary>The fake's ids for the path parameters: its own account, a seeded user who is not the owner, a seeded token.</summary>
    private static readonly IReadOnlyDictionary<string, Func<GcoreIamFakeServer, int>> FakeIds = new Dictionary<string, Func<GcoreIamFakeServer, int>>
    {
        ["clientId"] = fake => fake.AccountId,
        ["userId"] = _ => 3,
        ["tokenId"] = fake => fake.ApiTokens.First(t => !t.Deleted).Id,
    };

    public static IEnumerable<TestCaseData> NeverResent() =>
        Operation.All.Where(o => Resend(o)["rule"]?.ToString() == "never")
            .Select(o => new TestCaseData(o).SetArgDisplayNames($"{o.Area}_{o.Name}, resend rule never"));

    [Test]
    public void The_spec_has_operations_that_are_never_resent() =>
        Assert.That(NeverResent().Count(), Is.GreaterThan(1), "the operation table declares changes that must not be sent twice");

    [TestCaseSource(nameof(NeverResent))]
    public async Task An_applied_change_whose_answer_was_lost_is_sent_once_and_said_to_be_maybe_applied(Operation operation)
    {
        await using var fake = GcoreIamFakeServer.Start();
        using var client = Retrying(fake);
        var fakeOperation = Enum.Parse<FakeOperation>(operation.Name);
        fake.FailNext(FakeFault.ApplyThenDrop(), operation: fakeOperation);

        var e = Assert.ThrowsAsync<GcoreIamConnectionException>(() => Call(fake, client, operation, out _))!;
        var seen = fake.Requests.Where(r => r.Operation == fakeOperation).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(seen, Has.Count.EqualTo(1), "the server saw one request: " + Resend(operation)["reason"]);
            Assert.That(seen[0].Fault, Is.EqualTo(FakeFaultKind.ApplyThenDrop));
            Assert.That(seen[0].StatusCode, Is.InRange(200, 299), "the fake applied the change before the connection closed: it is in force");
            Assert.That(e.MayHaveReachedGcore, Is.True);
            Assert.That(e.Attempts, Is.EqualTo(1));
            AssertSaysMaybeApplied(e, fake, operation);
        });
    }

    [TestCaseSource(nameof(NeverResent))]
    public async Task A_server_error_is_not_resent_and_says_the_change_may_have_been_applied(Operation operation)
    {
        await using var fake = GcoreIamFakeServer.Start();
        using var client = Retrying(fake);
        var fakeOperation = Enum.Parse<FakeOperation>(operation.Name);
        fake.FailNext(FakeFault.ServerError(503), operation: fakeOperation);

        var e = Assert.ThrowsAsync<GcoreIamServerException>(() => Call(fake, client, operation, out _))!;

        Assert.Multiple(() =>
        {
            Assert.That(fake.Requests.Count(r => r.Operation == fakeOperation), Is.EqualTo(1), "a 5xx may come after Gcore acted: not sent again");
            Assert.That(e.Message, Does.StartWith("503"));
            AssertSaysMaybeApplied(e, fake, operation);
        });
    }

    private static void AssertSaysMaybeApplied(GcoreIamException e, GcoreIamFakeServer fake, Operation operation)
    {
        _ = Call(fake, null, operation, out var path);
        Assert.That(e.Message, Does.Contain($"{operation.Method} {path}").And.Contain("may have been applied").And.Contain((string)Resend(operation)["check"]!),
            "the message names the call, says it may have been applied and gives the operation's check");
        Assert.That(e.ToString(), Does.Not.Contain(GcoreIamFakeSeed.DefaultPassword));
    }

    private static GcoreIamClient Retrying(GcoreIamFakeServer fake) => fake.CreateClient(o =>
    {
        o.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
        o.RetryMaxDelay = TimeSpan.FromMilliseconds(10);
    });

    /// <summary>The operation's call against the fake (none when <paramref name="client"/> is null), and the path it requests.</summary>
    private static Task Call(GcoreIamFakeServer fake, GcoreIamClient? client, Operation operation, out string path)
    {
        var template = Operation.Spec.Paths.Single(p => p.Value.Values.Contains(operation.SpecOperation)).Key;
        var ids = FakeIds.Where(i => template.Contains("{" + i.Key + "}", StringComparison.Ordinal)).ToDictionary(i => i.Key, i => i.Value(fake));
        path = ids.Aggregate(template, (p, id) => p.Replace("{" + id.Key + "}", id.Value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
        if (client is null)
        {
            return Task.CompletedTask;
        }

        string? body = null;
        if (operation.BodyFixture is { } fixture)
        {
            var json = JObject.Parse(FixtureManifest.Text(fixture));
            var schema = operation.SpecOperation.RequestBody!.ActualRequestBody.Content.Values.First().Schema.ActualSchema;
            foreach (var secret in schema.ActualProperties.Where(m => m.Value.ExtensionData?.ContainsKey("x-gcore-secret") == true))
            {
                json[secret.Key] = GcoreIamFakeSeed.DefaultPassword;
            }

            body = json.ToString();
        }

        return operation.CallWith(client, ids.ToDictionary(i => i.Key, i => (object?)i.Value), body);
    }

    private static JObject Resend(Operation operation) =>
        JObject.FromObject(operation.SpecOperation.ExtensionData!["x-gcore-resend"]!);
}
