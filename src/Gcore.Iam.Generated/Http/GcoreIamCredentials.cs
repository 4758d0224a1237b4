using Gcore.Iam.Auth;

namespace Gcore.Iam.Http;

/// <summary>
/// The credential a client's requests carry: the permanent API key (<c>Authorization: APIKey ...</c>),
/// or, when a username and password are configured, a JWT session (<c>Authorization: Bearer ...</c>).
/// One instance per client (per container under dependency injection), read by every attempt.
/// </summary>
internal sealed class GcoreIamCredentials
{
    private readonly Func<IJwtCalls> _calls;
    private volatile JwtSession? _session;

    public GcoreIamCredentials(GcoreIamClientOptions options, Func<IJwtCalls> calls)
    {
        _calls = calls;
        ApiKey = new ApiKeyHolder(options.ApiKey);
        Apply(options);
    }

    public ApiKeyHolder ApiKey { get; }

    /// <summary>The JWT session, or null when the client uses the API key.</summary>
    public JwtSession? Session => _session;

    /// <summary>Takes changed options (a reloaded configuration): a new key applies to the next request, a new login to the next call.</summary>
    public void Apply(GcoreIamClientOptions options)
    {
        if (options.UsesLogin)
        {
            if (_session is not { } session || !session.IsFor(options.Username, options.Password, options.OneTimePassword, options.AccountId))
            {
                _session = new JwtSession(options.Username!, options.Password!, options.OneTimePassword, options.AccountId, _calls, options.TimeProvider ?? TimeProvider.System);
            }
        }
        else
        {
            _session = null;
            ApiKey.Update(options.ApiKey);
        }
    }

    /// <summary>Switches to the permanent API key <paramref name="apiKey"/> (ends a JWT session).</summary>
    public void UseApiKey(string apiKey)
    {
        _session = null;
        ApiKey.Update(apiKey);
    }

    /// <summary>The <c>Authorization</c> value for the next attempt.</summary>
    public ValueTask<string> AuthorizationAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session)
        {
            return session.AuthorizationAsync(cancellationToken);
        }

        var key = ApiKey.Snapshot;
        return key.Header is { } header ? new ValueTask<string>(header) : throw new GcoreIamConfigurationException(key.Problem!);
    }
}
