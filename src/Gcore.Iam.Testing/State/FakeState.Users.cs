
namespace Gcore.Iam.Testing;

/// <summary>Users: list (both shapes), get, update, invite, revoke access.</summary>
internal sealed partial class FakeState
{
    private partial FakeAnswer GetUser(FakeContext ctx, int userId) =>
        FindUser(userId) is { } user ? ctx.Ok(Outgoing(user, ctx)) : FakeAnswer.NotFound("User");

    // The live API's quirk: without limit, a bare array of every user (offset is ignored).
    private partial FakeAnswer ListUsers(FakeContext ctx, int? limit, int? offset) =>
        limit is null ? ctx.Ok(Users.Select(u => Outgoing(u, ctx)).ToList()) : Paged(ctx, Users.Select(u => Outgoing(u, ctx)).ToList(), limit.Value, offset);

    private partial FakeAnswer UpdateUser(FakeContext ctx, int userId, UserUpdate update)
    {
        if (FindUser(userId) is not { } user)
        {
            return FakeAnswer.NotFound("User");
        }

        if (update.Email is { } email && EmailTaken(email, user.Id))
        {
            return FakeAnswer.FieldError(400, "email", "A user with this email already exists.");
        }

        ctx.ApplyBody(user);
        return ctx.Ok(Outgoing(user, ctx));
    }

    private partial FakeAnswer RevokeAccess(FakeContext ctx, int clientId, int userId) => OwnAccountUser(clientId, userId, user =>
    {
        Users.Remove(user);
        return ctx.Ok();
    }, FakeAnswer.NotFound("User"));

    private partial FakeAnswer InviteUser(FakeContext ctx, UserInvite invite)
    {
        if (!IsOwnAccount(invite.ClientId))
        {
            return FakeAnswer.Forbidden();
        }

        if (UserGroup.FindKnown(invite.UserRole.Id) is not { } group)
        {
            return FakeAnswer.FieldError(422, "user_role", $"Unknown group id {invite.UserRole.Id}.");
        }

        if (Users.FirstOrDefault(u => string.Equals(u.Email, invite.Email, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            // Gcore's InviteUserError: a bare array of sentences.
            return FakeAnswer.Sentences(400, $"User {existing.Id} has already been invited to client {_account.Id}");
        }

        var id = Users.Count == 0 ? 1 : Users.Max(u => u.Id) + 1;
        var lang = invite.Lang ?? UserLanguage.En;
        Users.Add(GcoreIamFakeSeed.NewUser(_account, id, invite.Email, invite.Name, lang, group.Id, activated: false));
        return ctx.Ok(new UserInviteResult { Status = "sent", UserId = id });
    }

    private User? FindUser(int id) => Users.FirstOrDefault(u => u.Id == id);

    private bool EmailTaken(string email, int exceptUserId) =>
        Users.Any(u => u.Id != exceptUserId && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>The user as it goes out: a copy, with values the client does not know when asked for.</summary>
    private static User Outgoing(User user, FakeContext ctx)
    {
        var copy = FakeJson.Clone(user);
        if (ctx.Server.SendUnknownEnumValues)
        {
            copy.AuthTypes = [.. copy.AuthTypes ?? [], new AuthType("saml")];
            copy.Lang = new UserLanguage("fr");
        }

        return copy;
    }
}
