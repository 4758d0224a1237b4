using System.Reflection;
using Gcore.Iam.Diagnostics;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Tests;

/// <summary>
/// Each operation's resend rule is declared once, in the operation table (written into the spec as
/// <c>x-gcore-resend</c>): the descriptor every call of the operation carries has exactly that rule and
/// advice, so nothing is guessed from the HTTP method.
/// </summary>
[TestFixture]
public class ResendRuleTests
{
    public static IEnumerable<TestCaseData> Operations =>
        Operation.All.Select(o => new TestCaseData(o).SetArgDisplayNames(o.Area + "_" + o.Name));

    [TestCaseSource(nameof(Operations))]
    public void The_descriptor_of_every_operation_has_the_resend_rule_of_the_spec(Operation operation)
    {
        var spec = Operation.Spec.Paths.SelectMany(p => p.Value).Single(o => o.Value.OperationId == operation.Area + "_" + operation.Name).Value;
        Assert.That(spec.ExtensionData, Does.ContainKey("x-gcore-resend"), "the operation table declares a resend rule for every operation");
        var declared = JObject.FromObject(spec.ExtensionData["x-gcore-resend"]!);
        var expected = (string?)declared["rule"] switch
        {
            "safe" => ResendRule.Safe,
            "safe-when-gone-is-done" => ResendRule.SafeWhenGoneIsDone,
            "never" => ResendRule.Never,
            "once" => ResendRule.Once,
            var other => throw new AssertionException($"unknown rule {other}"),
        };

        var descriptor = Descriptor(operation);
        Assert.Multiple(() =>
        {
            Assert.That(descriptor.Resend, Is.EqualTo(expected));
            Assert.That(descriptor.ResendCheck, Is.EqualTo((string?)declared["check"]));
            Assert.That(descriptor.Method, Is.EqualTo(operation.Method));
            Assert.That(string.IsNullOrWhiteSpace((string?)declared["reason"]), Is.False, "every rule has its reason");
        });
    }

    [Test]
    public void The_rules_are_not_the_http_method()
    {
        // Two PUTs with different rules, and a POST that is safe: the rule is the operation's.
        var byName = Operation.All.ToDictionary(o => o.Area + "_" + o.Name, Descriptor);
        Assert.Multiple(() =>
        {
            Assert.That(byName["Users_SetRole"].Resend, Is.EqualTo(ResendRule.Safe));
            Assert.That(byName["Users_ChangePassword"].Resend, Is.EqualTo(ResendRule.Never));
            Assert.That(byName["Auth_LogIn"].Resend, Is.EqualTo(ResendRule.Safe));
            Assert.That(byName["Auth_RefreshToken"].Resend, Is.EqualTo(ResendRule.Once));
            Assert.That(byName["Users_RevokeAccess"].Resend, Is.EqualTo(ResendRule.SafeWhenGoneIsDone));
        });
    }

    /// <summary>The static descriptor the generated client's method creates its calls with (templates/Client.Class.liquid).</summary>
    internal static GcoreIamOperation Descriptor(Operation operation)
    {
        var client = typeof(GcoreIamClient).Assembly.GetType("Gcore.Iam." + operation.Area + "Client", throwOnError: true)!;
        var field = client.GetField(operation.Name + "Operation_", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new AssertionException($"{client.Name} has no descriptor for {operation.Name}.");
        return (GcoreIamOperation)field.GetValue(null)!;
    }
}
