namespace Gcore.Iam.Tests;

/// <summary>
/// After every contract test: how many requests were checked against the spec
/// (<see cref="GcoreIamTestBase.RequestsConformToTheSpec"/>) and how many were outside it. A request
/// outside the spec fails its test unless the test sends it on purpose; CI's log shows the line.
/// </summary>
[SetUpFixture]
public sealed class SpecCheckSummary
{
    [OneTimeTearDown]
    public void Report()
    {
        TestContext.Progress.WriteLine(
            $"spec check: {GcoreIamTestBase.RequestsChecked} requests the contract tests sent were checked against openapi/gcore-iam.yaml; " +
            $"{GcoreIamTestBase.Violations} outside it, each in a test that sends it on purpose");
    }
}
