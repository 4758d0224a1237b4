namespace Gcore.Iam.Auth;

/// <summary>Gcore's JWT calls the session makes (implemented on the generated clients).</summary>
internal interface IJwtCalls
{
    /// <summary><c>POST /iam/auth/jwt/login</c>.</summary>
    Task<JwtPair> LogInAsync(string username, string password, string? oneTimePassword, CancellationToken cancellationToken);

    /// <summary><c>POST /iam/auth/jwt/refresh</c>.</summary>
    Task<JwtPair> RefreshAsync(string refresh, CancellationToken cancellationToken);

    /// <summary><c>GET /iam/auth/jwt/clients/{clientId}/login</c>, sent with the access token of <paramref name="login"/>.</summary>
    Task<JwtPair> SelectAccountAsync(int accountId, JwtPair login, CancellationToken cancellationToken);
}

/// <summary>
/// A username-and-password credential: logs in on first use (and selects the configured account),
/// refreshes the access token shortly before it expires and once more when Gcore answers 401, and
/// lets exactly one caller renew while concurrent callers wait for its result. A refresh whose answer
/// was lost may have spent the refresh token (it works once): the session then logs in again when it
/// holds what that takes (a password and no one-time password), and otherwise ends with a
/// <see cref="GcoreIamAuthenticationException"/> that says to log in again. The password, the
/// one-time password and the tokens are never logged or printed.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim's wait handle is never used, so it holds nothing to dispose; the session lives as long as its client or container.")]
internal sealed class JwtSession
{
    /// <summary>How long before its expiry an access token is refreshed.</summary>
    internal static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(60);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _username;
    private readonly string _password;
    private readonly int? _accountId;
    private readonly Func<IJwtCalls> _calls;
    private readonly TimeProvider _time;
    private readonly string? _configuredOneTimePassword;
    private string? _oneTimePassword;
    private volatile JwtPair? _tokens;
    private volatile GcoreIamAuthenticationException? _expired;

    public JwtSession(string username, string password, string? oneTimePassword, int? accountId, Func<IJwtCalls> calls, TimeProvider time)
    {
        _username = username;
        _password = password;
        _oneTimePassword = oneTimePassword;
        _configuredOneTimePassword = oneTimePassword;
        _accountId = accountId;
        _calls = calls;
        _time = time;
        Redaction.Remember(password);
        Redaction.Remember(oneTimePassword);
    }

    /// <summary>Whether this session was made from these settings (so a reloaded configuration can keep it).</summary>
    public bool IsFor(string? username, string? password, string? oneTimePassword, int? accountId) =>
        username == _username && password == _password && accountId == _accountId && (oneTimePassword ?? "") == (_configuredOneTimePassword ?? "");

    /// <summary>The pair for the next attempt: logs in or refreshes first when needed.</summary>
    public ValueTask<JwtPair> CurrentAsync(CancellationToken cancellationToken)
    {
        var tokens = _tokens;
        return tokens is not null && _time.GetUtcNow() < tokens.AccessExpires - RefreshAhead
            ? new ValueTask<JwtPair>(tokens)
            : new ValueTask<JwtPair>(RenewAsync(tokens, cancellationToken));
    }

    /// <summary>
    /// After Gcore answered 401 to a request sent with <paramref name="sent"/>: renews the access token
    /// unless another caller already did. True when the request is worth sending once more.
    /// </summary>
    public async ValueTask<bool> RenewAfterUnauthorizedAsync(string sent, CancellationToken cancellationToken)
    {
        var tokens = _tokens;
        if (tokens is null || _expired is not null)
        {
            return false;
        }

        if (tokens.Authorization == sent)
        {
            await RenewAsync(tokens, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>When the current access token expires, or null before the first login.</summary>
    public DateTimeOffset? AccessExpires => _tokens?.AccessExpires;

    /// <summary>Renews the access token now (logs in first when there is none yet).</summary>
    public async Task RefreshNowAsync(CancellationToken cancellationToken) =>
        await RenewAsync(_tokens, cancellationToken).ConfigureAwait(false);

    /// <summary>Forgets the tokens and logs in again now (with a new one-time password, when given).</summary>
    public async Task LogInAgainAsync(string? oneTimePassword, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (oneTimePassword is not null)
            {
                Redaction.Remember(oneTimePassword);
                _oneTimePassword = oneTimePassword;
            }

            _expired = null;
            Replace(await LogInAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _gate.Release();
        }
    }

    public override string ToString() => "JwtSession { Username = (set), Password = (set, redacted) }";

    /// <summary>Makes <paramref name="next"/> the session's pair (under the gate); the pair it replaces is forgotten by redaction.</summary>
    private void Replace(JwtPair? next)
    {
        var previous = _tokens;
        _tokens = next;
        if (previous is not null && !ReferenceEquals(previous, next))
        {
            previous.Forget();
        }
    }

    private async Task<JwtPair> RenewAsync(JwtPair? seen, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_expired is { } expired)
            {
                throw expired;
            }

            var current = _tokens;
            if (current is not null && !ReferenceEquals(current, seen))
            {
                // Another caller renewed while this one waited: its pair is used, even if the local clock
                // already calls it stale (a 401 renews once more), so that waiters never renew in turn.
                return current;
            }

            var next = current is null ? await LogInAsync(cancellationToken).ConfigureAwait(false) : await RefreshAsync(current, cancellationToken).ConfigureAwait(false);
            Replace(next);
            return next;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<JwtPair> LogInAsync(CancellationToken cancellationToken)
    {
        JwtPair tokens;
        try
        {
            tokens = await _calls().LogInAsync(_username, _password, _oneTimePassword, cancellationToken).ConfigureAwait(false);
        }
        catch (GcoreIamApiException e) when (GcoreIamStatus.SessionRefusal(e, GcoreIamStatus.SessionStep.LogIn, _oneTimePassword is not null) is { } refused)
        {
            throw refused;
        }

        if (_accountId is { } accountId)
        {
            tokens = await _calls().SelectAccountAsync(accountId, tokens, cancellationToken).ConfigureAwait(false);
        }

        return tokens;
    }

    private async Task<JwtPair> RefreshAsync(JwtPair current, CancellationToken cancellationToken)
    {
        try
        {
            return await _calls().RefreshAsync(current.Refresh, cancellationToken).ConfigureAwait(false);
        }
        catch (GcoreIamApiException e) when (GcoreIamStatus.SessionRefusal(e, GcoreIamStatus.SessionStep.Refresh, _oneTimePassword is not null) is { } expired)
        {
            throw End(expired);
        }
        catch (GcoreIamException e) when (e is GcoreIamConnectionException { MayHaveReachedGcore: true } or GcoreIamTimeoutException)
        {
            // The refresh may have reached Gcore, which then spent the refresh token (it works once): sending
            // it again would be refused. A password without a one-time password is all a new login takes.
            if (_oneTimePassword is null)
            {
                return await LogInAsync(cancellationToken).ConfigureAwait(false);
            }

            throw End(GcoreIamStatus.RefreshAnswerLost(e));
        }
    }

    /// <summary>Ends the session: every later call fails with <paramref name="expired"/> until a new login.</summary>
    private GcoreIamAuthenticationException End(GcoreIamAuthenticationException expired)
    {
        _expired = expired;
        Replace(null);
        return expired;
    }
}
