using Gcore.Iam.Auth;

namespace Gcore.Iam.Http;

/// <summary>
/// The credential a client's requests carry: the permanent API key (<c>Authorization: APIKey ...</c>),
/// or, when a username and password are configured, a JWT session (<c>Authorization: Bearer ...</c>).
/// One instance per client (per registered name in a container under dependency injection), read by every attempt.
/// </summary>
internal sealed class GcoreIamCredentials
{
    private readonly Func<IJwtCalls> _calls;
    private volatile JwtSession? _session;

    /// <param name="options">The options the credential starts from.</param>
    /// <param name="calls">The JWT calls of a session, made on the same client's HttpClient.</param>
    /// <param name="clientName">The name given to <c>AddGcoreIam</c>, for the messages; null for the unnamed registration and a standalone client.</param>
    public GcoreIamCredentials(GcoreIamClientOptions options, Func<IJwtCalls> calls, string? clientName = null)
    {
        _calls = calls;
        ApiKey = new ApiKeyHolder(options.ApiKey, clientName);
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

    /// <summary>The credential for the next attempt: the <c>Authorization</c> value, and the secret in it.</summary>
    public ValueTask<Credential> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session)
        {
            var pair = session.CurrentAsync(cancellationToken);
            return pair.IsCompletedSuccessfully ? new ValueTask<Credential>(Credential.Of(pair.Result)) : OfSessionAsync(pair);
        }

        var key = ApiKey.Snapshot;
        return key.Header is { } header ? new ValueTask<Credential>(new Credential(header, key.Key!)) : throw new GcoreIamConfigurationException(key.Problem!);
    }

    private static async ValueTask<Credential> OfSessionAsync(ValueTask<JwtPair> pair) => Credential.Of(await pair.ConfigureAwait(false));
}

/// <summary>What a request carries: the <c>Authorization</c> value, and the secret in it (the API key, the access token) that messages redact.</summary>
internal readonly record struct Credential(string Header, string Secret)
{
    public static Credential Of(JwtPair pair) => new(pair.Authorization, pair.Access);
}
