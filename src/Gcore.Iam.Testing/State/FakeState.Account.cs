namespace Gcore.Iam.Testing;

/// <summary>The account overview, with its users filled from the current users.</summary>
internal sealed partial class FakeState
{
    private IEnumerable<(FakeOperation Operation, Func<FakeContext, FakeAnswer> Handle)> AccountHandlers() =>
    [
        (FakeOperation.GetAccountOverview, ctx => FakeAnswer.Ok(AccountOverview(ctx))),
    ];

    private AccountOverview AccountOverview(FakeContext ctx)
    {
        var account = FakeJson.Clone(_account);
        account.Users = Users.Select(u => Outgoing(u, ctx)).Select(u => new AccountUser
        {
            Id = u.Id,
            Email = u.Email,
            Name = u.Name,
            Phone = u.Phone,
            Lang = u.Lang,
            Deleted = u.Deleted,
            Activated = u.Activated,
            SsoAuth = u.SsoAuth,
            TwoFa = u.TwoFa,
            Company = u.Company,
            Reseller = u.Reseller,
            Client = u.Client,
            AuthTypes = u.AuthTypes,
            Groups = u.Groups,
        }).ToList();
        if (ctx.UnknownEnums)
        {
            account.Capabilities = [.. account.Capabilities ?? [], new Capability("WAAP")];
        }

        return account;
    }
}
