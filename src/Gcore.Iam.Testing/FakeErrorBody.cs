using Newtonsoft.Json;

namespace Gcore.Iam.Testing;

/// <summary>
/// The platform-wide error body Gcore documents (<c>{exception_class, message, request_id, info,
/// invalid_fields}</c>), as the fake writes it. Not a model of the client: the client reads error
/// bodies itself, in every form Gcore uses.
/// </summary>
internal sealed class FakeErrorBody
{
    [JsonProperty("exception_class", NullValueHandling = NullValueHandling.Ignore)]
    public string? ExceptionClass { get; set; }

    [JsonProperty("message", NullValueHandling = NullValueHandling.Ignore)]
    public string? Message { get; set; }

    [JsonProperty("request_id", NullValueHandling = NullValueHandling.Ignore)]
    public string? RequestId { get; set; }

    [JsonProperty("info", NullValueHandling = NullValueHandling.Ignore)]
    public object? Info { get; set; }

    [JsonProperty("invalid_fields", NullValueHandling = NullValueHandling.Ignore)]
    public IDictionary<string, object>? InvalidFields { get; set; }
}
