using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>A user's role in the account, e-mail address and password.</summary>
internal sealed partial class FakeState
{
    private partial FakeAnswer GetRole(FakeContext ctx, int clientId, int userId) =>
        OwnAccountUser(clientId, userId, user => ctx.Ok(new AccountRole { UserRole = user.Groups?.FirstOrDefault() }));

    private partial FakeAnswer SetRole(FakeContext ctx, int clientId, int userId, AccountRole role) => OwnAccountUser(clientId, userId, user =>
    {
        if (role.UserRole is not { } requested || UserGroup.FindKnown(requested.Id) is not { } group)
        {
            return FakeAnswer.FieldError(400, "user_role", $"Invalid role: {role.UserRole?.Id}");
        }

        user.Groups = [group];
        foreach (var membership in user.ClientAndRoles?.Where(c => c.ClientId == _account.Id) ?? [])
        {
            membership.UserRoles = [group.Id.ToString(CultureInfo.InvariantCulture)];
        }

        return ctx.Ok();
    });

    /// <summary>403 unless the path's account is the key's, 404 (<paramref name="notFound"/>, or the role operations' sentence) unless the user is one of its users.</summary>
    private FakeAnswer OwnAccountUser(int clientId, int userId, Func<User, FakeAnswer> handle, FakeAnswer? notFound = null) =>
        !IsOwnAccount(clientId) ? FakeAnswer.Forbidden()
            : FindUser(userId) is { } user ? handle(user)
            : notFound ?? FakeAnswer.Message(404, "User is not found in the specified account.");

    private partial FakeAnswer ChangePassword(FakeContext ctx, int userId, PasswordChange change)
    {
        if (FindUser(userId) is not { } user)
        {
            return FakeAnswer.NotFound("User");
        }

        var errors = new JObject();
        if (!FixedTimeEquals(PasswordOf(user.Id), change.Old))
        {
            errors["old"] = new JArray("Old password is incorrect");
        }

        if (change.New != change.Double)
        {
            errors["new"] = new JArray("New and double values don't match");
        }
        else if (change.New.Length < 8)
        {
            errors["new"] = new JArray("This password is too short. It must contain at least 8 characters.");
        }

        if (errors.Count > 0)
        {
            return FakeAnswer.Errors(400, errors);
        }

        _passwords[user.Id] = change.New;
        // Gcore ends the user's other sessions and answers a new pair of tokens.
        foreach (var tokens in new[] { _accessTokens, _refreshTokens })
        {
            tokens.Where(t => t.Value.UserId == user.Id).Select(t => t.Key).ToList().ForEach(t => tokens.Remove(t));
        }

        return ctx.Ok(Issue(user.Id, _account.Id, ctx));
    }

    // Gcore's description gives this operation's refusals as a list of error objects.
    private partial FakeAnswer ChangeEmail(FakeContext ctx, int userId, EmailChange change)
    {
        if (FindUser(userId) is not { } user)
        {
            return FakeAnswer.NotFound("User");
        }

        var (field, refusal) = !FixedTimeEquals(PasswordOf(user.Id), change.Password) ? ("password", "The password is incorrect.")
            : string.Equals(user.Email, change.NewEmail, StringComparison.OrdinalIgnoreCase) ? ("new_email", "Same email address.")
            : !LooksLikeEmail(change.NewEmail) ? ("new_email", "Enter a valid email address.")
            : EmailTaken(change.NewEmail, user.Id) ? ("new_email", "User with this email already exists.")
            : default((string?, string?));
        if (field is not null)
        {
            return FakeAnswer.ErrorList(400, field, refusal!);
        }

        user.Email = change.NewEmail;
        return ctx.Ok(new EmailChangeResult { NewEmail = change.NewEmail });
    }

    private static bool LooksLikeEmail(string text) =>
        text.Length <= 254 && text.IndexOf('@', StringComparison.Ordinal) is var at && at > 0 && at < text.Length - 1
        && !text.Any(char.IsWhiteSpace) && text.IndexOf('.', at) > at + 1;
}
