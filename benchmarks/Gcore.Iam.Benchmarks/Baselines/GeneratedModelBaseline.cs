using System.Globalization;
using Newtonsoft.Json;

namespace Gcore.Iam.Benchmarks.Baselines;

/// <summary>
/// The same hand-written HTTP calls as <see cref="HandWrittenBaseline"/>, but into this project's
/// generated models with the client's reading settings: the models' own cost against the plain
/// classes a developer would write (the difference between the two baseline rows).
/// </summary>
public sealed class GeneratedModelBaseline : IDisposable
{
    // The settings the client applies (GcoreIamJson.Configure) minus its contract resolver, so that
    // both read the same members the same way.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        DateParseHandling = DateParseHandling.None,
        FloatParseHandling = FloatParseHandling.Decimal,
        MaxDepth = 64,
        MetadataPropertyHandling = MetadataPropertyHandling.Ignore,
        TypeNameHandling = TypeNameHandling.None,
    });

    private readonly NewtonsoftCalls _calls;

    public GeneratedModelBaseline(HttpMessageHandler transport, Uri baseAddress, string apiKey) =>
        _calls = new NewtonsoftCalls(transport, baseAddress, apiKey, "Gcore.Iam.GeneratedModelBaseline", Serializer);

    public Task<UserPage> ListUsersAsync(int limit, int offset, CancellationToken cancellationToken = default) =>
        _calls.GetAsync<UserPage>(string.Create(CultureInfo.InvariantCulture, $"iam/users?limit={limit}&offset={offset}"), cancellationToken);

    public Task<User> GetUserAsync(int userId, CancellationToken cancellationToken = default) =>
        _calls.GetAsync<User>("iam/users/" + userId.ToString(CultureInfo.InvariantCulture), cancellationToken);

    public Task<User> UpdateUserAsync(int userId, UserUpdate update, CancellationToken cancellationToken = default) =>
        _calls.PatchAsync<User>("iam/users/" + userId.ToString(CultureInfo.InvariantCulture), update, cancellationToken);

    /// <summary>Every user, a page at a time, with the client's stop rule.</summary>
    public async IAsyncEnumerable<User> ListAllUsersAsync(
        int pageSize,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (true)
        {
            var page = await ListUsersAsync(pageSize, offset, cancellationToken).ConfigureAwait(false);
            if (page.Results is not { Count: > 0 } results)
            {
                yield break;
            }

            foreach (var user in results)
            {
                yield return user;
            }

            offset += results.Count;
            if (page.IsUnpaged || offset >= page.Count)
            {
                yield break;
            }
        }
    }

    public void Dispose() => _calls.Dispose();
}
