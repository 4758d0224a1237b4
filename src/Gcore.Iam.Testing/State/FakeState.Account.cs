namespace Gcore.Iam.Testing;

/// <summary>The account overview, with its users filled from the current users.</summary>
internal sealed partial class FakeState
{
    private partial FakeAnswer GetAccountOverview(FakeContext ctx) => ctx.Ok(AccountOverview(ctx));

    private AccountOverview AccountOverview(FakeContext ctx)
    {
        var account = FakeJson.Clone(_account);
        // The overview's user is the user's members that AccountUser declares (the others are not copied).
        account.Users = Users.Select(u => FakeJson.Convert<AccountUser>(Outgoing(u, ctx))).ToList();
        foreach (var user in account.Users)
        {
            user.AdditionalProperties.Clear();
        }

        if (ctx.Server.SendUnknownEnumValues)
        {
            account.Capabilities = [.. account.Capabilities ?? [], new Capability("WAAP")];
        }

        return account;
    }

    private readonly List<AccountCreate> _createdAccounts = [];

    private partial FakeAnswer CreateAccount(FakeContext ctx, AccountCreate account)
    {
        if (string.IsNullOrWhiteSpace(account.Company))
        {
            return FakeAnswer.FieldError(400, "company", "This field may not be blank.");
        }

        if (_createdAccounts.Any(a => string.Equals(a.Company, account.Company, StringComparison.OrdinalIgnoreCase))
            || string.Equals(_account.CompanyName, account.Company, StringComparison.OrdinalIgnoreCase))
        {
            return FakeAnswer.FieldError(400, "company", "Company with this name already exists");
        }

        var created = new AccountCreate { Id = _account.Id + 1 + _createdAccounts.Count, Company = account.Company };
        _createdAccounts.Add(created);
        return ctx.Ok(created);
    }
}
