namespace Gcore.Iam.Testing;

/// <summary>
/// The fake's data and the state changes of each operation; every method runs under the server's
/// lock. Requests reach a handler already matched to their operation and checked against the spec
/// (types, required members, bounds, enums), so a handler holds only what the spec cannot say: the
/// data, the rules that depend on it (a taken e-mail, an unknown group, another account's id), and
/// the answer. Each area's handlers are in their own file (<c>FakeState.Users.cs</c>, ...).
/// Status conventions: 400 for what the spec refuses, 422 for well-formed values the data refuses,
/// 403 for another account's id, 404 for an unknown id.
/// </summary>
internal sealed partial class FakeState
{
    private readonly AccountOverview _account;
    private readonly Dictionary<FakeOperation, Func<FakeContext, FakeAnswer>> _handlers;

    public FakeState(GcoreIamFakeSeed seed)
    {
        _account = FakeJson.Clone(seed.Account);
        Users = seed.Users.Select(FakeJson.Clone).ToList();
        Tokens = seed.ApiTokens.Select(FakeJson.Clone).ToList();
        _defaultPassword = seed.Password;
        _oneTimePassword = seed.OneTimePassword;
        _logins.AddRange(seed.Logins.Select(FakeJson.Clone));
        _handlers = UsersHandlers().Concat(AccountHandlers()).Concat(TokensHandlers()).Concat(UserAccessHandlers()).Concat(ActivityHandlers()).Concat(AuthHandlers())
            .ToDictionary(h => h.Operation, h => h.Handle);
    }

    public List<User> Users { get; }

    public List<ApiToken> Tokens { get; }

    /// <summary>The operations that have a handler (a test checks that this is every operation of the spec).</summary>
    public IEnumerable<FakeOperation> Handled => _handlers.Keys;

    public FakeAnswer Handle(FakeContext ctx) =>
        _handlers.TryGetValue(ctx.Operation.Operation, out var handle)
            ? handle(ctx)
            : FakeAnswer.Message(501, $"The fake has no state handler for {ctx.Operation}.");

    private bool IsOwnAccount(int clientId) => clientId == _account.Id;
}
