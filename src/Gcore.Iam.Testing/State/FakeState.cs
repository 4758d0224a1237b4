using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>
/// The fake's data and the state changes of each operation; every method runs under the server's
/// lock. Requests reach a handler already matched to their operation and checked against the spec
/// (types, required members, bounds, enums), so a handler holds only what the spec cannot say: the
/// data, the rules that depend on it (a taken e-mail, an unknown group, another account's id), and
/// the answer. Each area's handlers are in their own file (<c>FakeState.Users.cs</c>, ...); the
/// dispatch and a partial declaration of each operation's handler are generated from the spec
/// (<c>templates/fake/</c>), so a handler the spec has and this code lacks does not compile.
/// Status conventions: 400 for what the spec refuses, 422 for well-formed values the data refuses,
/// 403 for another account's id, 404 for an unknown id.
/// </summary>
internal sealed partial class FakeState
{
    private readonly AccountOverview _account;

    public FakeState(GcoreIamFakeSeed seed)
    {
        _account = FakeJson.Clone(seed.Account);
        Users = seed.Users.Select(FakeJson.Clone).ToList();
        Tokens = seed.ApiTokens.Select(FakeJson.Clone).ToList();
        _defaultPassword = seed.Password;
        _oneTimePassword = seed.OneTimePassword;
        _logins.AddRange(seed.Logins.Select(FakeJson.Clone));
    }

    public List<User> Users { get; }

    public List<ApiToken> Tokens { get; }

    private bool IsOwnAccount(int clientId) => clientId == _account.Id;

    /// <summary>
    /// A page of <paramref name="items"/> by the request's <c>offset</c>, in the envelope the spec gives the
    /// operation's answer: <c>count</c>, its list member (<c>results</c>, <c>result</c>), <c>next</c>, <c>previous</c>.
    /// </summary>
    private static FakeAnswer Paged<T>(FakeContext ctx, IReadOnlyList<T> items, int limit, int? from)
    {
        var offset = from ?? 0;
        var page = items.Skip(offset).Take(limit).ToList();
        return ctx.Ok(new JObject
        {
            ["count"] = items.Count,
            [ctx.Operation.PageMember ?? throw new InvalidOperationException($"The spec gives {ctx.Operation} no page envelope.")] =
                JArray.FromObject(page, FakeJson.Serializer),
            // The library's one rule of offset paging decides whether a next page exists.
            ["next"] = OffsetPaging.NextOffset(offset, page.Count, items.Count) is { } next ? PageUrl(limit, next) : null,
            ["previous"] = offset > 0 ? PageUrl(limit, Math.Max(0, offset - limit)) : null,
        });

        string PageUrl(int pageLimit, int pageOffset) =>
            new Uri(ctx.Server.BaseUrl, FormattableString.Invariant($"{ctx.Operation.PathTemplate.TrimStart('/')}?limit={pageLimit}&offset={pageOffset}")).ToString();
    }
}
