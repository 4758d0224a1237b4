using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Gcore.Iam.Benchmarks.Probes;

/// <summary>
/// The runtime's JIT events in this process (<c>Microsoft-Windows-DotNETRuntime</c>, keyword JIT,
/// verbose): each method compiled, with the time from <c>MethodJittingStarted</c> to its
/// <c>MethodLoadVerbose</c>, grouped by what the method belongs to. For <c>coldstart &lt;variant&gt;
/// --jit</c>: where the first call's compile time goes. The listener costs time of its own, so
/// the probe's wall times with it are not the cold start; its shares are.
/// </summary>
internal sealed class JitListener : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private readonly ConcurrentDictionary<long, (DateTime Started, string Name)> _started = new();
    private readonly ConcurrentQueue<(DateTime At, string Name, double Ms)> _compiled = new();

    public IReadOnlyCollection<(DateTime At, string Name, double Ms)> Compiled => _compiled;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.PayloadNames is null || e.Payload is null)
        {
            return;
        }

        var id = Payload(e, "MethodID") is { } m ? Convert.ToInt64(m, CultureInfo.InvariantCulture) : 0;
        if (e.EventName?.StartsWith("MethodJittingStarted", StringComparison.Ordinal) == true)
        {
            _started[id] = (e.TimeStamp, $"{Payload(e, "MethodNamespace")}:{Payload(e, "MethodName")}");
        }
        else if (e.EventName?.StartsWith("MethodLoadVerbose", StringComparison.Ordinal) == true && _started.TryRemove(id, out var start))
        {
            _compiled.Enqueue((e.TimeStamp, start.Name, (e.TimeStamp - start.Started).TotalMilliseconds));
        }
    }

    /// <summary>What a compiled method is part of, for the breakdown.</summary>
    public static string GroupOf(string name) => name switch
    {
        _ when name.StartsWith("Newtonsoft.Json", StringComparison.Ordinal) => "Newtonsoft.Json",
        _ when name.StartsWith("Gcore.Iam.Benchmarks", StringComparison.Ordinal) => "the probe and the baselines' own code",
        _ when name.StartsWith("Gcore.Iam.Http", StringComparison.Ordinal) || name.StartsWith("Gcore.Iam.Auth", StringComparison.Ordinal)
            || name.StartsWith("Gcore.Iam.Redaction", StringComparison.Ordinal) => "the client's handlers and credential (Gcore.Iam.Http, Auth)",
        _ when name.StartsWith("Gcore.Iam.GcoreIamClient", StringComparison.Ordinal) => "GcoreIamClient and its options (construction, validation)",
        _ when name.StartsWith("Gcore.Iam.GcoreIamStatus", StringComparison.Ordinal) || name.StartsWith("Gcore.Iam.Errors", StringComparison.Ordinal) => "error mapping (status table)",
        _ when name.StartsWith("Gcore.Iam.Diagnostics", StringComparison.Ordinal) || name.StartsWith("Gcore.Iam.GcoreIamTelemetry", StringComparison.Ordinal)
            || name.StartsWith("System.Diagnostics.Metrics", StringComparison.Ordinal) || name.StartsWith("System.Diagnostics.Activity", StringComparison.Ordinal) => "telemetry (OperationScope, ActivitySource, Meter)",
        _ when name.StartsWith("Gcore.Iam.Serialization", StringComparison.Ordinal) => "serializer settings, contract resolver, readers (Gcore.Iam.Serialization)",
        _ when name.StartsWith("Gcore.Iam", StringComparison.Ordinal) => "generated clients and models (Gcore.Iam)",
        _ when name.StartsWith("Polly", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions", StringComparison.Ordinal) => "Polly, Microsoft.Extensions",
        _ when name.StartsWith("System.Diagnostics.Tracing", StringComparison.Ordinal) || name.StartsWith("System.Collections.Concurrent.ConcurrentQueue", StringComparison.Ordinal)
            || name.StartsWith("System.Collections.Concurrent.ConcurrentDictionary`2[long", StringComparison.Ordinal) => "(this listener)",
        _ when name.StartsWith("System.Linq.Expressions", StringComparison.Ordinal) || name.StartsWith("(dynamicClass)", StringComparison.Ordinal)
            || name.StartsWith("System.Reflection", StringComparison.Ordinal) => "expression trees, reflection (Newtonsoft's contracts)",
        _ when name.StartsWith("System.Net.Http", StringComparison.Ordinal) => "System.Net.Http (generic instantiations)",
        _ => "other framework code (generic instantiations: collections, tasks, spans)",
    };

    private static object? Payload(EventWrittenEventArgs e, string name)
    {
        var i = e.PayloadNames!.IndexOf(name);
        return i >= 0 ? e.Payload![i] : null;
    }
}
