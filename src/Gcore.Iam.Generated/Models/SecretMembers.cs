using System.Runtime.Serialization;

namespace Gcore.Iam;

// The request bodies that carry secrets remember them for redaction when they are written, so that an
// error answer that echoes one (Gcore's, a proxy's, a debug page's) never shows it in an exception
// message or a log line. The one place for which body members are secrets. (Tokens are JWTs, redacted
// by their shape: Redaction.)

/// <content>Its passwords are redacted from every message once it is sent.</content>
public partial class PasswordChange
{
    [OnSerializing]
    internal void RememberSecrets(StreamingContext context)
    {
        Redaction.Remember(Old);
        Redaction.Remember(New);
        Redaction.Remember(Double);
    }
}

/// <content>Its password is redacted from every message once it is sent.</content>
public partial class EmailChange
{
    [OnSerializing]
    internal void RememberSecrets(StreamingContext context) => Redaction.Remember(Password);
}

/// <content>Its password and one-time password are redacted from every message once it is sent.</content>
public partial class JwtLogin
{
    [OnSerializing]
    internal void RememberSecrets(StreamingContext context)
    {
        Redaction.Remember(Password);
        Redaction.Remember(OneTimePassword);
    }
}
