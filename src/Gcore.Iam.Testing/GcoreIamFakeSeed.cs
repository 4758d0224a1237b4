namespace Gcore.Iam.Testing;

/// <summary>
/// The data a <see cref="GcoreIamFakeServer"/> starts with: the account, its users and its API
/// tokens, and the API key the fake accepts. <see cref="CreateDefault"/> gives realistic sample
/// data; change it or build your own before <see cref="GcoreIamFakeServer.Start(GcoreIamFakeSeed?)"/>.
/// The server copies the seed when it starts, so later changes to this object do not reach it.
/// </summary>
/// <example>
/// <code>
/// var seed = GcoreIamFakeSeed.CreateDefault();
/// seed.Users.Clear();
/// seed.Users.Add(GcoreIamFakeSeed.NewUser(seed.Account, id: 7, email: "ops@example.com", name: "Ops"));
/// await using var fake = GcoreIamFakeServer.Start(seed);
/// </code>
/// </example>
public sealed class GcoreIamFakeSeed
{
    /// <summary>The key the default seed accepts: the shape of a real Gcore token, but made up.</summary>
    public const string DefaultApiKey = "42_fake0c0ffee0123456789abcdef0123456789abcdef0123456789abcd";

    /// <summary>The account id of the default seed.</summary>
    public const int DefaultAccountId = 200001;

    /// <summary>The password every seeded user logs in with (<c>POST /iam/auth/jwt/login</c>), made up like the key.</summary>
    public const string DefaultPassword = "fake-Passw0rd-for-tests";

    /// <summary>The one-time password the default seed accepts from users with two-factor authentication.</summary>
    public const string DefaultOneTimePassword = "864209";

    /// <summary>The password of every user of the seed for a JWT login, until a user changes it (<c>PUT /iam/users/{userId}/password</c>).</summary>
    public string Password { get; set; } = DefaultPassword;

    /// <summary>The one-time password a user with <c>two_fa</c> must send with a login.</summary>
    public string OneTimePassword { get; set; } = DefaultOneTimePassword;

    /// <summary>The login activity log the fake starts with (<c>GET /iam/activity_log/logins</c>); logins through the fake are added after it.</summary>
    public List<LoginActivity> Logins { get; } = [];

    /// <summary>The API key requests must carry as <c>Authorization: APIKey &lt;key&gt;</c>.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>
    /// The account the key belongs to (<c>GET /iam/clients/me</c>); its <c>users</c> are filled from <see cref="Users"/>.
    /// Its id may be any integer, 0 and negative ones included, as Gcore's description allows (to test code that
    /// takes the account id from the overview).
    /// </summary>
    public AccountOverview Account { get; set; } = new() { Id = DefaultAccountId, Email = "owner@example.com", CompanyName = "Example GmbH", Status = AccountStatus.Active, CurrentUser = 1 };

    /// <summary>The users of the account, in the order the list answers them. Ids must be unique.</summary>
    public IList<User> Users { get; } = [];

    /// <summary>The account's API tokens (deleted ones included, with <c>deleted: true</c>). Ids must be unique.</summary>
    public IList<ApiToken> ApiTokens { get; } = [];

    /// <summary>Describes the seed without its key.</summary>
    /// <returns>For example <c>GcoreIamFakeSeed { Account = 200001, Users = 12, ApiTokens = 3 }</c>.</returns>
    public override string ToString() => $"GcoreIamFakeSeed {{ Account = {Account?.Id}, Users = {Users.Count}, ApiTokens = {ApiTokens.Count} }}";

    /// <summary>
    /// An empty account: no users but its owner, no tokens. Handy when a test wants to add exactly
    /// what it needs.
    /// </summary>
    /// <returns>A new seed.</returns>
    public static GcoreIamFakeSeed CreateEmpty()
    {
        var seed = new GcoreIamFakeSeed();
        seed.Users.Add(NewUser(seed.Account, 1, "owner@example.com", "Account Owner", UserLanguage.En, groupId: 1));
        return seed;
    }

    /// <summary>
    /// Sample data: the account "Example GmbH" (id 200001) with twelve users in five languages and
    /// every known group, auth type and user type, and three API tokens (one of them deleted).
    /// </summary>
    /// <returns>A new seed, yours to change.</returns>
    public static GcoreIamFakeSeed CreateDefault()
    {
        var seed = new GcoreIamFakeSeed();
        var a = seed.Account;
        a.BillType = "postpay";
        a.Deleted = false;
        a.IsTest = false;
        a.HasActiveAdmin = true;
        a.EntryBaseDomain = null;
        a.Name = "Example";
        a.Capabilities = [Capability.Cdn, Capability.Storage, Capability.Dns, Capability.Cloud];
        a.FreeFeatures = new Dictionary<string, IList<FreeFeature>>
        {
            ["CDN"] = [new FreeFeature { FeatureId = 7, FreeFeatureId = 1201, Name = "Free SSL", Service = "CDN", CreateDate = "2024-02-01 10:00:00" }],
        };
        a.PaidFeatures = new Dictionary<string, IList<PaidFeature>>
        {
            ["CDN"] = [new PaidFeature { FeatureId = 31, PaidFeatureId = 5502, Name = "Image Stack", Service = "CDN", CreateDate = "2024-06-12 08:30:00" }],
        };
        a.ServiceStatuses = new Dictionary<string, ServiceStatus>
        {
            ["CDN"] = new() { Enabled = true, Status = ServiceState.Active },
            ["STORAGE"] = new() { Enabled = true, Status = ServiceState.Trial },
            ["DNS"] = new() { Enabled = true, Status = ServiceState.Active },
            ["CLOUD"] = new() { Enabled = false, Status = ServiceState.New },
            ["STREAMING"] = new() { Enabled = false, Status = ServiceState.Paused },
        };
        a.CountryCode = "DE";
        a.CustomId = null;
        a.Phone = "+49 30 1234567";
        a.Website = "https://example.com";
        a.SignupProcess = null;

        var users = seed.Users;
        users.Add(NewUser(a, 1, "owner@example.com", "Anna Schmidt", UserLanguage.De, 1, "+49 30 1234567", twoFa: true, auth: [AuthType.Password, AuthType.Github]));
        users.Add(NewUser(a, 2, "john.doe@example.com", "John Doe", UserLanguage.En, 5, "+1 415 555 0100", auth: [AuthType.Password, AuthType.GoogleOauth2]));
        users.Add(NewUser(a, 3, "ivan.petrov@example.com", "Иван Петров", UserLanguage.Ru, 2, null, auth: [AuthType.Password]));
        users.Add(NewUser(a, 4, "li.wei@example.com", "李伟", UserLanguage.Zh, 5, "+86 10 5555 0100", auth: [AuthType.Sso], sso: true));
        users.Add(NewUser(a, 5, "aysel.aliyeva@example.com", "Aysel Əliyeva", UserLanguage.Az, 2, null, auth: [AuthType.Password]));
        users.Add(NewUser(a, 6, "purge-bot@example.com", null, UserLanguage.En, 3022, null, auth: [AuthType.Password], activated: false));
        users.Add(NewUser(a, 7, "jonas.becker@example.com", "Jonas Becker", UserLanguage.De, 3009, "+49 89 555 0199", auth: [AuthType.Password, AuthType.Sso], sso: true));
        users.Add(NewUser(a, 8, "partner@reseller.example", "Reseller Support", UserLanguage.En, 1, null, auth: [AuthType.Password], type: UserType.Reseller));
        users.Add(NewUser(a, 9, "sales@seller.example", "Maria Garcia", UserLanguage.En, 2, "+34 91 555 0123", auth: [AuthType.GoogleOauth2], type: UserType.Seller));
        users.Add(NewUser(a, 10, "olga.smirnova@example.com", "Ольга Смирнова", UserLanguage.Ru, 5, null, twoFa: true, auth: [AuthType.Password, AuthType.Github]));
        users.Add(NewUser(a, 11, "chen.jing@example.com", "陈静", UserLanguage.Zh, 2, null, auth: [AuthType.Password], active: false));
        users.Add(NewUser(a, 12, "rashad.mammadov@example.com", "Rəşad Məmmədov", UserLanguage.Az, 5, "+994 12 555 0100", auth: [AuthType.Password]));
        users[1].ClientAndRoles!.Add(new ClientAndRoles { ClientId = 200777, ClientCompanyName = "Example Labs", UserId = 2, UserRoles = ["2"] });

        string[] agents = ["Mozilla/5.0 (X11; Linux x86_64) Firefox/131.0", "terraform-provider-gcore/0.8", "gcore-iam/1.0"];
        for (var i = 0; i < 6; i++)
        {
            seed.Logins.Add(new LoginActivity
            {
                Id = 9001 + i,
                LoginAt = FakeJson.Timestamp(new DateTimeOffset(2026, 11, 24 + i, 8 + i, 15, 2, TimeSpan.Zero)),
                IpAddress = $"203.0.113.{10 + i}",
                UserAgent = agents[i % agents.Length],
                IsSuccessful = i != 4,
                AuthType = i == 3 ? "sso" : "password",
                User = 1 + (i % 3),
            });
        }

        seed.ApiTokens.Add(NewToken(seed, 1, "terraform", "CI deploys", 1, "2024-03-01T09:00:00Z", "2027-03-01T00:00:00Z", lastUsage: "2026-11-27T22:14:05Z"));
        seed.ApiTokens.Add(NewToken(seed, 2, "purge-cache", "Purges the CDN cache after releases", 3022, "2025-01-15T12:30:00Z", null, lastUsage: "2026-11-28T06:00:12Z"));
        var old = NewToken(seed, 3, "old-monitoring", null, 2, "2023-05-10T08:00:00Z", "2024-05-10T00:00:00Z", lastUsage: "2024-05-09T23:59:00Z");
        old.Expired = true;
        old.Deleted = true;
        seed.ApiTokens.Add(old);
        return seed;
    }

    /// <summary>A user of <paramref name="account"/> with sensible values for every field.</summary>
    /// <param name="account">The account the user belongs to.</param>
    /// <param name="id">The user's id.</param>
    /// <param name="email">The e-mail address.</param>
    /// <param name="name">The name (null for none).</param>
    /// <param name="lang">The language; English when not given.</param>
    /// <param name="groupId">The role: 1 Administrators, 2 Users, 5 Engineers, 3009 or 3022.</param>
    /// <param name="phone">The phone number (null for none).</param>
    /// <param name="twoFa">Two-factor authentication on.</param>
    /// <param name="auth">The auth types; password when not given.</param>
    /// <param name="sso">Signs in with SSO.</param>
    /// <param name="type">The user type; common when not given.</param>
    /// <param name="activated">Has confirmed the e-mail address.</param>
    /// <param name="active">May sign in.</param>
    /// <returns>The user.</returns>
    public static User NewUser(
        AccountOverview account,
        int id,
        string email,
        string? name,
        UserLanguage? lang = null,
        int groupId = 2,
        string? phone = null,
        bool twoFa = false,
        IEnumerable<AuthType>? auth = null,
        bool sso = false,
        UserType? type = null,
        bool activated = true,
        bool active = true)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var group = UserGroup.FindKnown(groupId) ?? throw new ArgumentOutOfRangeException(nameof(groupId), groupId, "Not a known Gcore group id (1, 2, 5, 3009, 3022).");
        return new User
        {
            Id = id,
            Email = email,
            Name = name,
            Phone = phone,
            Lang = lang ?? UserLanguage.En,
            Company = account.CompanyName,
            Reseller = 0,
            Client = account.Id,
            Deleted = false,
            Activated = activated,
            IsActive = active,
            SsoAuth = sso,
            TwoFa = twoFa,
            Groups = [Copy(group)],
            AuthTypes = (auth ?? [AuthType.Password]).ToList(),
            UserType = type ?? UserType.Common,
            ClientAndRoles =
            [
                new ClientAndRoles { ClientId = account.Id, ClientCompanyName = account.CompanyName, UserId = id, UserRoles = [groupId.ToString(System.Globalization.CultureInfo.InvariantCulture)] },
            ],
        };
    }

    /// <summary>An API token of the seed's account, issued by the account's current user.</summary>
    /// <param name="seed">The seed whose account and users to use.</param>
    /// <param name="id">The token's id.</param>
    /// <param name="name">Its name.</param>
    /// <param name="description">What it is for (null for none).</param>
    /// <param name="roleId">The group the token acts as.</param>
    /// <param name="created">When it was created (RFC 3339).</param>
    /// <param name="expires">When it expires (RFC 3339), or null for never.</param>
    /// <param name="lastUsage">When it was last used, or null.</param>
    /// <returns>The token (without a secret: Gcore never shows it again).</returns>
    public static ApiToken NewToken(GcoreIamFakeSeed seed, int id, string name, string? description, int roleId, string created, string? expires, string? lastUsage = null)
    {
        ArgumentNullException.ThrowIfNull(seed);
        return NewToken(seed.Account, seed.Users, id, name, description, roleId, created, expires, lastUsage);
    }

    /// <summary>An API token of <paramref name="account"/>, issued by its current user (one of <paramref name="users"/>): the seed's and the fake's token creation.</summary>
    internal static ApiToken NewToken(AccountOverview account, IEnumerable<User> users, int id, string name, string? description, int roleId, string created, string? expires, string? lastUsage = null)
    {
        var issuer = users.FirstOrDefault(u => u.Id == account.CurrentUser);
        var role = UserGroup.FindKnown(roleId) ?? throw new ArgumentOutOfRangeException(nameof(roleId), roleId, "Not a known Gcore group id (1, 2, 5, 3009, 3022).");
        return new ApiToken
        {
            Id = id,
            Name = name,
            Description = description,
            Created = created,
            ExpDate = expires,
            Expired = false,
            Deleted = false,
            LastUsage = lastUsage,
            ClientUser = new ApiTokenUser
            {
                ClientId = account.Id,
                UserId = issuer?.Id ?? account.CurrentUser,
                UserEmail = issuer?.Email ?? account.Email,
                UserName = issuer?.Name,
                Deleted = false,
                Role = Copy(role),
            },
        };
    }

    private static UserGroup Copy(UserGroup g) => new() { Id = g.Id, Name = g.Name };
}
