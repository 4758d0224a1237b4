namespace Gcore.Iam.Diagnostics;

/// <summary>
/// Whether a request may be sent again once it may have reached Gcore (its answer was lost). Declared
/// per operation in the operation table (<c>tools/Gcore.Iam.SpecTool/Import/ClientContract.cs</c>),
/// written into the spec as <c>x-gcore-resend</c> and into each operation's <see cref="GcoreIamOperation"/>
/// by templates/Client.Class.liquid; the retries and the JWT renewal read it from there, never from the HTTP method.
/// </summary>
internal enum ResendRule
{
    /// <summary>The second request has the same effect and answer (a read, an absolute value).</summary>
    Safe,

    /// <summary>The second request answers 404 because the first removed the thing: that 404 is the call's success.</summary>
    SafeWhenGoneIsDone,

    /// <summary>The second request is refused or acts twice: never sent again once the first may have reached Gcore.</summary>
    Never,

    /// <summary>The request's token works once (a JWT refresh): never sent again once it may have reached Gcore.</summary>
    Once,
}
