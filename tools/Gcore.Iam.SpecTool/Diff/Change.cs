namespace Gcore.Iam.SpecTool.Diff;

/// <summary>One difference between two versions, where it is, and whether it breaks existing callers.</summary>
internal sealed record Change(bool Breaking, string Location, string Description);

[Flags]
internal enum Usage
{
    None = 0,

    /// <summary>Sent by the client (request bodies, parameters).</summary>
    Request = 1,

    /// <summary>Read by the client (response bodies).</summary>
    Response = 2,
}
