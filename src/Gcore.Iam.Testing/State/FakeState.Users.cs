using Newtonsoft.Json.Linq;

namespace Gcore.Iam.Testing;

/// <summary>Users: list (both shapes), get, update, invite, revoke access.</summary>
internal sealed partial class FakeState
{
    private partial FakeAnswer GetUser(FakeContext ctx) =>
        FindUser(ctx.Path("userId")) is { } user ? ctx.Ok(Outgoing(user, ctx)) : FakeAnswer.NotFound("User");

    private partial FakeAnswer ListUsers(FakeContext ctx)
    {
        if (ctx.QueryInt("limit") is not { } limit)
        {
            // The live API's quirk: without limit, a bare array of every user (offset is ignored).
            return ctx.Ok(Users.Select(u => Outgoing(u, ctx)).ToList());
        }

        return Paged(ctx, Users.Select(u => Outgoing(u, ctx)).ToList(), limit);
    }

    private partial FakeAnswer UpdateUser(FakeContext ctx)
    {
        if (FindUser(ctx.Path("userId")) is not { } user)
        {
            return FakeAnswer.NotFound("User");
        }

        if (ctx.Body!["email"] is { Type: JTokenType.String } email && EmailTaken((string)email!, user.Id))
        {
            return FakeAnswer.FieldError(400, "email", "A user with this email already exists.");
        }

        ctx.ApplyBody(user);
        return ctx.Ok(Outgoing(user, ctx));
    }

    private partial FakeAnswer RevokeAccess(FakeContext ctx)
    {
        if (!IsOwnAccount(ctx.Path("clientId")))
        {
            return FakeAnswer.Forbidden();
        }

        if (FindUser(ctx.Path("userId")) is not { } user)
        {
            return FakeAnswer.NotFound("User");
        }

        Users.Remove(user);
        return ctx.Ok();
    }

    private partial FakeAnswer InviteUser(FakeContext ctx)
    {
        var invite = ctx.BodyAs<UserInvite>();
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
        if (ctx.UnknownEnums)
        {
            copy.AuthTypes = [.. copy.AuthTypes ?? [], new AuthType("saml")];
            copy.Lang = new UserLanguage("fr");
        }

        return copy;
    }
}
