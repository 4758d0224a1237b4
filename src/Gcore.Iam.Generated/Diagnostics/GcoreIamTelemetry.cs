using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace Gcore.Iam;

/// <summary>
/// The names under which the client reports traces and metrics (System.Diagnostics only: export them
/// with OpenTelemetry's <c>AddSource(GcoreIamTelemetry.ActivitySourceName)</c> and
/// <c>AddMeter(GcoreIamTelemetry.MeterName)</c>). With no listener attached, a call pays one check
/// per instrument and nothing else. No span or metric attribute ever carries the API key, a header
/// value, a body or a query string.
/// </summary>
public static class GcoreIamTelemetry
{
    /// <summary>The ActivitySource of the client: one span per logical operation, named <c>Gcore.Iam.&lt;Area&gt;.&lt;Operation&gt;</c> (for example <c>Gcore.Iam.Users.GetUser</c>).</summary>
    public const string ActivitySourceName = "Gcore.Iam";

    /// <summary>The Meter of the client.</summary>
    public const string MeterName = "Gcore.Iam";

    /// <summary>Histogram (seconds): how long one logical operation took, every attempt and wait between them included, until its body was read.</summary>
    public const string RequestDurationInstrument = "gcore.iam.client.request.duration";

    /// <summary>Counter: retries (attempts after the first), with the reason of the attempt that was retried.</summary>
    public const string RetriesInstrument = "gcore.iam.client.retries";

    /// <summary>Counter: answers with status 429 (throttled), retried or not.</summary>
    public const string ThrottledInstrument = "gcore.iam.client.throttled";

    /// <summary>Span and metric attribute: the operation, <c>&lt;Area&gt;.&lt;Operation&gt;</c> (for example <c>Users.GetUser</c>).</summary>
    public const string OperationAttribute = "gcore.iam.operation";

    /// <summary>Span attribute: Gcore's request id (the <c>X-Request-ID</c> header, or <c>request_id</c> of an error body); quote it to Gcore support.</summary>
    public const string RequestIdAttribute = "gcore.request_id";

    /// <summary>The library's version (without the commit), also in the <c>User-Agent</c>; read once.</summary>
    internal static readonly string Version =
        typeof(GcoreIamTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    internal static readonly ActivitySource Source = new(ActivitySourceName, Version);

    internal static readonly Meter Meter = new(MeterName, Version);

    internal static readonly Histogram<double> RequestDuration = Meter.CreateHistogram<double>(
        RequestDurationInstrument, "s", "Duration of Gcore IAM operations, all attempts included.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        RetriesInstrument, "{retry}", "Gcore IAM attempts that were retried.");

    internal static readonly Counter<long> Throttled = Meter.CreateCounter<long>(
        ThrottledInstrument, "{response}", "Gcore IAM answers with status 429 (Too Many Requests).");
}
