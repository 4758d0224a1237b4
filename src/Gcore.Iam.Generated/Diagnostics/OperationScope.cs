using System.Diagnostics;
using Gcore.Iam.Http;

namespace Gcore.Iam.Diagnostics;

/// <summary>
/// One logical call of a generated client method (templates/Client.Class.liquid), from just before
/// its request is sent until its body is read: the per-call options, the operation's span and its
/// metrics. A struct, so that a call with no listener attached allocates nothing for it; the span,
/// the clock and the tags exist only while someone listens.
/// </summary>
internal struct OperationScope : IDisposable
{
    /// <summary>The operation a request belongs to, read by the retry strategy for its metrics and by the request handler (an anonymous operation carries no credentials).</summary>
    public static readonly HttpRequestOptionsKey<GcoreIamOperation> OperationKey = new("Gcore.Iam.Operation");

    /// <summary>The per-call options of a request, read by the handlers (timeout, retries).</summary>
    public static readonly HttpRequestOptionsKey<GcoreIamRequestOptions> RequestOptionsKey = new("Gcore.Iam.RequestOptions");

    /// <summary>The per-call options of <paramref name="request"/>, or null.</summary>
    public static GcoreIamRequestOptions? RequestOptionsOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(RequestOptionsKey, out var options) ? options : null;

    /// <summary>Counts a retry (and a throttled answer) for the metrics, and marks it on the operation's span.</summary>
    public static void Retrying(HttpRequestMessage? request, int? status, Exception? exception, int attempt, TimeSpan delay)
    {
        var operation = request is not null && request.Options.TryGetValue(OperationKey, out var o) ? o : null;
        if (GcoreIamTelemetry.Retries.Enabled)
        {
            GcoreIamTelemetry.Retries.Add(1,
                new KeyValuePair<string, object?>(GcoreIamTelemetry.OperationAttribute, operation?.Name),
                new KeyValuePair<string, object?>("http.request.method", request?.Method.Method),
                status is { } s
                    ? new KeyValuePair<string, object?>("http.response.status_code", s)
                    : new KeyValuePair<string, object?>("error.type", exception is null ? "_OTHER" : RetryReasonOf(exception)));
        }

        if (status == 429 && GcoreIamTelemetry.Throttled.Enabled)
        {
            GcoreIamTelemetry.Throttled.Add(1,
                new KeyValuePair<string, object?>(GcoreIamTelemetry.OperationAttribute, operation?.Name),
                new KeyValuePair<string, object?>("http.request.method", request?.Method.Method));
        }

        if (Activity.Current is { Source: var source, IsAllDataRequested: true } span && source == GcoreIamTelemetry.Source)
        {
            var tags = new ActivityTagsCollection
            {
                ["gcore.iam.attempt"] = attempt,
                ["gcore.iam.retry_delay_ms"] = (long)delay.TotalMilliseconds,
            };
            if (status is { } code)
            {
                tags["http.response.status_code"] = code;
            }
            else
            {
                tags["error.type"] = exception is null ? "_OTHER" : RetryReasonOf(exception);
            }

            span.AddEvent(new ActivityEvent("gcore.iam.retry", tags: tags));
        }
    }

    private readonly GcoreIamOperation _operation;
    private readonly HttpRequestMessage _request;
    private readonly Uri? _baseAddress;
    private readonly long _started;
    private readonly CancellationTokenSource? _linked;
    private Activity? _activity;
    private int _status;
    private string? _errorType;

    public OperationScope(GcoreIamOperation operation, HttpClient client, HttpRequestMessage request, GcoreIamRequestOptions? options, CancellationToken cancellationToken)
    {
        _operation = operation;
        _request = request;
        _baseAddress = client.BaseAddress;
        CancellationToken = cancellationToken;
        if (options is not null)
        {
            options.Apply(request);
            request.Options.Set(RequestOptionsKey, options);
            if (options.CancellationToken.CanBeCanceled)
            {
                if (cancellationToken.CanBeCanceled)
                {
                    _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, options.CancellationToken);
                    CancellationToken = _linked.Token;
                }
                else
                {
                    CancellationToken = options.CancellationToken;
                }
            }
        }

        if (operation.Anonymous || GcoreIamTelemetry.Retries.Enabled || GcoreIamTelemetry.Throttled.Enabled)
        {
            request.Options.Set(OperationKey, operation);
        }

        _started = GcoreIamTelemetry.RequestDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        if (GcoreIamTelemetry.Source.HasListeners())
        {
            _activity = GcoreIamTelemetry.Source.StartActivity(operation.SpanName, ActivityKind.Internal);
            if (_activity is { IsAllDataRequested: true })
            {
                _activity.SetTag(GcoreIamTelemetry.OperationAttribute, operation.Name);
                _activity.SetTag("http.request.method", operation.Method);
                _activity.SetTag("url.template", operation.UrlTemplate);
                if (_baseAddress is not null)
                {
                    _activity.SetTag("server.address", _baseAddress.Host);
                    _activity.SetTag("server.port", _baseAddress.Port);
                }
            }
        }
    }

    /// <summary>The token the call runs with: the method's, and the options' when they carry one.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The answer's headers arrived (a success status: the handlers raise the errors).</summary>
    public void Received(HttpResponseMessage response)
    {
        _status = (int)response.StatusCode;
        if (_activity is { IsAllDataRequested: true })
        {
            _activity.SetTag("http.response.status_code", _status);
            if (response.Headers.TryGetValues(GcoreIamResponse.RequestIdHeader, out var ids) && ids.FirstOrDefault() is { Length: > 0 } id)
            {
                _activity.SetTag(GcoreIamTelemetry.RequestIdAttribute, id);
            }
        }
    }

    /// <summary>Records a failure; returns false so that it can sit in an exception filter and let the exception pass.</summary>
    public bool Failed(Exception exception)
    {
        _errorType = ErrorTypeOf(exception);
        if (exception is GcoreIamApiException api)
        {
            _status = api.StatusCode;
        }
        else if (exception is GcoreIamInvalidResponseException invalid)
        {
            _status = invalid.StatusCode;
        }

        if (_status == 429 && GcoreIamTelemetry.Throttled.Enabled)
        {
            GcoreIamTelemetry.Throttled.Add(1,
                new KeyValuePair<string, object?>(GcoreIamTelemetry.OperationAttribute, _operation.Name),
                new KeyValuePair<string, object?>("http.request.method", _operation.Method));
        }

        if (_activity is { IsAllDataRequested: true })
        {
            if (_status != 0)
            {
                _activity.SetTag("http.response.status_code", _status);
            }

            if (exception is GcoreIamApiException { RequestId: { Length: > 0 } requestId })
            {
                _activity.SetTag(GcoreIamTelemetry.RequestIdAttribute, requestId);
            }

            _activity.SetTag("error.type", _errorType);
            _activity.SetStatus(ActivityStatusCode.Error, _errorType);
        }

        return false;
    }

    public void Dispose()
    {
        var attempts = GcoreIamRequestHandler.AttemptsOf(_request);
        if (_activity is not null)
        {
            if (_activity.IsAllDataRequested)
            {
                _activity.SetTag("http.request.resend_count", Math.Max(0, attempts - 1));
            }

            _activity.Dispose();
            _activity = null;
        }

        if (_started != 0 && GcoreIamTelemetry.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { GcoreIamTelemetry.OperationAttribute, _operation.Name },
                { "http.request.method", _operation.Method },
            };
            if (_baseAddress is not null)
            {
                tags.Add("server.address", _baseAddress.Host);
                tags.Add("server.port", _baseAddress.Port);
            }

            if (_status != 0)
            {
                tags.Add("http.response.status_code", _status);
            }

            if (_errorType is not null)
            {
                tags.Add("error.type", _errorType);
            }

            GcoreIamTelemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds, tags);
        }

        _linked?.Dispose();
    }

    /// <summary>
    /// OpenTelemetry's <c>error.type</c>: the status code of an error answer; otherwise a short,
    /// low-cardinality name of what went wrong (never a message: messages can quote bodies).
    /// </summary>
    private static string RetryReasonOf(Exception exception) => exception switch
    {
        Polly.Timeout.TimeoutRejectedException => "timeout",
        HttpRequestException { HttpRequestError: var error } when error != HttpRequestError.Unknown => ToSnakeCase(error.ToString()),
        HttpRequestException or IOException => "connection_error",
        _ => exception.GetType().FullName ?? "_OTHER",
    };

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    internal static string ErrorTypeOf(Exception exception) => exception switch
    {
        GcoreIamApiException api => api.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        GcoreIamTimeoutException => "timeout",
        GcoreIamConnectionException => "connection_error",
        GcoreIamInvalidResponseException => "invalid_response",
        GcoreIamConfigurationException => "configuration_error",
        OperationCanceledException => "canceled",
        _ => exception.GetType().FullName ?? "_OTHER",
    };
}
