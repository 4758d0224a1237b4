using System.Globalization;

namespace Gcore.Iam.Testing;

/// <summary>The login activity log: every login through the fake, after the seed's history, newest last.</summary>
internal sealed partial class FakeState
{
    private readonly List<LoginActivity> _logins = [];

    public IReadOnlyList<LoginActivity> Logins => _logins;

    private partial FakeAnswer ListLogins(FakeContext ctx, int? limit, int? offset) => Paged(ctx, _logins, limit ?? _logins.Count, offset);

    private void RecordLogin(User user, FakeContext ctx) =>
        _logins.Add(new LoginActivity
        {
            Id = _logins.Count == 0 ? 1 : _logins.Max(l => l.Id) + 1,
            LoginAt = ctx.Timestamp,
            IpAddress = "127.0.0.1",
            UserAgent = ctx.UserAgent ?? "",
            IsSuccessful = true,
            AuthType = "password",
            User = user.Id,
        });
}
