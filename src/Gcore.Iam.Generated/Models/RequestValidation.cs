namespace Gcore.Iam;

using Gcore.Iam.Serialization;

// Checks of caller input in request bodies. The serializer calls Validate just before a body is
// written (GcoreIamContractResolver), so bad input fails with an ArgumentException naming the
// field before anything is sent. Ids (an account's, a role's) are not bounded: Gcore issues them,
// its description allows any integer, and Gcore answers an id that names nothing with an error.

/// <summary>An invitation.</summary>
public partial class UserInvite : IValidatedRequest
{
    void IValidatedRequest.Validate()
    {
        Guard.NotBlank(Email, "invite.Email");
        Guard.NotNull(UserRole, "invite.UserRole");
    }
}

/// <summary>The fields to change; a field left out is left as it is.</summary>
public partial class UserUpdate : IValidatedRequest
{
    void IValidatedRequest.Validate()
    {
        if (Email is not null)
        {
            Guard.NotBlank(Email, "update.Email");
        }
    }
}

/// <summary>A new API token.</summary>
public partial class ApiTokenCreate : IValidatedRequest
{
    void IValidatedRequest.Validate()
    {
        Guard.NotBlank(Name, "token.Name");
        Guard.NotNull(ClientUser, "token.ClientUser");
        Guard.NotNull(ClientUser.Role, "token.ClientUser.Role");
        if (ExpDate is not null && !DateTimeOffset.TryParse(ExpDate, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            throw new ArgumentException("token.ExpDate must be an RFC 3339 date and time (for example 2030-01-31T00:00:00Z), or null for a token that never expires.", "token.ExpDate");
        }
    }
}

internal static class Guard
{
    public static void NotBlank(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is required and must not be empty.", name);
        }
    }

    public static void NotNull([System.Diagnostics.CodeAnalysis.NotNull] object? value, string name)
    {
        if (value is null)
        {
            throw new ArgumentNullException(name, $"{name} is required.");
        }
    }
}
