using System.Diagnostics;
using Gcore.Iam.Diagnostics;

namespace Gcore.Iam.Http;

/// <summary>
/// The call's span and metrics: only while someone listens is the span started, the clock read and
/// the tags built, so that a call with no listener attached allocates nothing for them. Names in
/// <see cref="GcoreIamTelemetry"/>.
/// </summary>
internal sealed partial class GcoreIamCall
{
    private Uri? _baseAddress;
    private long _clockStarted;
    private int _status;
    private string? _errorType;

    /// <summary>The operation's span, while someone listens (the retries mark their events on it).</summary>
    public Activity? Span { get; private set; }

    /// <summary>Counts a retry (and a throttled answer) for the metrics, and marks it on the operation's span.</summary>
    public void RecordRetry(int? status, Exception? exception, int attempt, TimeSpan delay)
    {
        if (GcoreIamTelemetry.Retries.Enabled)
        {
            GcoreIamTelemetry.Retries.Add(1,
                new KeyValuePair<string, object?>(GcoreIamTelemetry.OperationAttribute, Operation.Name),
                new KeyValuePair<string, object?>("http.request.method", Operation.Method),
                status is { } s
                    ? new KeyValuePair<string, object?>("http.response.status_code", s)
                    : new KeyValuePair<string, object?>("error.type", RetryReasonOf(exception)));
        }

        if (status == 429 && GcoreIamTelemetry.Throttled.Enabled)
        {
            GcoreIamTelemetry.Throttled.Add(1,
                new KeyValuePair<string, object?>(GcoreIamTelemetry.OperationAttribute, Operation.Name),
                new KeyValuePair<string, object?>("http.request.method", Operation.Method));
        }

        if (Span is { IsAllDataRequested: true } span)
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
                tags["error.type"] = RetryReasonOf(exception);
            }

            span.AddEvent(new ActivityEvent("gcore.iam.retry", tags: tags));
        }
    }

    /// <summary>
    /// OpenTelemetry's <c>error.type</c> of an exception the call raises: the status code of an error
    /// answer; otherwise a short, low-cardinality name of what went wrong (never a message: messages can quote bodies).
    /// </summary>
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

    private void StartTelemetry(Uri? baseAddress)
    {
        _baseAddress = baseAddress;
        _clockStarted = GcoreIamTelemetry.RequestDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        if (!GcoreIamTelemetry.Source.HasListeners())
        {
            return;
        }

        Span = GcoreIamTelemetry.Source.StartActivity(Operation.SpanName, ActivityKind.Internal);
        if (Span is { IsAllDataRequested: true })
        {
            Span.SetTag(GcoreIamTelemetry.OperationAttribute, Operation.Name);
            Span.SetTag("http.request.method", Operation.Method);
            Span.SetTag("url.template", Operation.UrlTemplate);
            if (baseAddress is not null)
            {
                Span.SetTag("server.address", baseAddress.Host);
                Span.SetTag("server.port", baseAddress.Port);
            }
        }
    }

    /// <summary>The answer's headers arrived.</summary>
    private void Received(HttpResponseMessage response)
    {
        _status = (int)response.StatusCode;
        if (Span is { IsAllDataRequested: true })
        {
            Span.SetTag("http.response.status_code", _status);
            if (response.Headers.TryGetValues(GcoreIamResponse.RequestIdHeader, out var ids) && ids.FirstOrDefault() is { Length: > 0 } id)
            {
                Span.SetTag(GcoreIamTelemetry.RequestIdAttribute, id);
            }
        }
    }

    private void RecordFailure(Exception exception)
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
                new KeyValuePair<string, object?>(GcoreIamTelemetry.OperationAttribute, Operation.Name),
                new KeyValuePair<string, object?>("http.request.method", Operation.Method));
        }

        if (Span is { IsAllDataRequested: true })
        {
            if (_status != 0)
            {
                Span.SetTag("http.response.status_code", _status);
            }

            if (exception is GcoreIamApiException { RequestId: { Length: > 0 } requestId })
            {
                Span.SetTag(GcoreIamTelemetry.RequestIdAttribute, requestId);
            }

            Span.SetTag("error.type", _errorType);
            Span.SetStatus(ActivityStatusCode.Error, _errorType);
        }
    }

    private void EndTelemetry()
    {
        if (Span is not null)
        {
            if (Span.IsAllDataRequested)
            {
                Span.SetTag("http.request.resend_count", Attempts - 1);
            }

            Span.Dispose();
            Span = null;
        }

        if (_clockStarted != 0 && GcoreIamTelemetry.RequestDuration.Enabled)
        {
            var tags = new TagList
            {
                { GcoreIamTelemetry.OperationAttribute, Operation.Name },
                { "http.request.method", Operation.Method },
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

            GcoreIamTelemetry.RequestDuration.Record(Stopwatch.GetElapsedTime(_clockStarted).TotalSeconds, tags);
        }
    }

    private string RetryReasonOf(Exception? exception) =>
        AttemptTimedOutAfter is not null ? "timeout"
        : exception is null ? "_OTHER"
        : TransportFailure.Of(exception) != TransportFailureKind.None ? TransportFailure.ErrorType(exception)
        : exception.GetType().FullName ?? "_OTHER";
}
