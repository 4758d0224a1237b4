using Polly;

namespace Gcore.Iam.Http;

/// <summary>
/// Runs each request through the resilience pipeline of <see cref="GcoreIamResilience"/> (the
/// standalone client's counterpart of <c>AddResilienceHandler</c>, whose handler type is still
/// marked experimental). The request is put into the resilience context the same way, so the
/// pipeline's predicates see it in both paths.
/// </summary>
internal sealed class GcoreIamResilienceHandler(ResiliencePipeline<HttpResponseMessage> pipeline) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.SetRequestMessage(request);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendInnerAsync(state.Request, ctx.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendInnerAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
