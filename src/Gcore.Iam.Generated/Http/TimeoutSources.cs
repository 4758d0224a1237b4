namespace Gcore.Iam.Http;

/// <summary>
/// The cancellation behind a timeout (of a whole call, or of one attempt): cancelled when the timeout
/// passes or when the caller's token is, like a linked <see cref="CancellationTokenSource"/> with
/// <c>CancelAfter</c>, but reused from call to call (reset once the call is over and nothing
/// cancelled it), so that a call does not allocate a source and a timer for it. One per handler.
/// </summary>
internal sealed class TimeoutSources
{
    private CancellationTokenSource? _spare;

    /// <summary>
    /// Starts the timeout; with no timeout and a token that cannot be cancelled, nothing is made
    /// unless <paramref name="alwaysSource"/> asks for a source (one that only <see cref="Lease.Cancel"/> cancels).
    /// </summary>
    public Lease Start(TimeSpan timeout, CancellationToken cancellationToken, bool alwaysSource = false)
    {
        if (timeout == Timeout.InfiniteTimeSpan && !cancellationToken.CanBeCanceled && !alwaysSource)
        {
            return new Lease(null, null, default, cancellationToken);
        }

        var source = Interlocked.Exchange(ref _spare, null) ?? new CancellationTokenSource();
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source)
            : default;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            source.CancelAfter(timeout);
        }

        return new Lease(this, source, registration, source.Token);
    }

    // netstandard2.0 and .NET Framework cannot reset a source: each attempt there gets a new one.
#if NET
    private static bool TryReset(CancellationTokenSource source) => source.TryReset();
#else
    private static bool TryReset(CancellationTokenSource source) => false;
#endif

    private void Return(CancellationTokenSource source)
    {
        // A source that was cancelled (a timeout, the caller) cannot be reset; a second one in flight is not kept.
        if (!TryReset(source) || Interlocked.CompareExchange(ref _spare, source, null) is not null)
        {
            source.Dispose();
        }
    }

    /// <summary>
    /// One use of a source; disposing it ends the timeout and returns the source, so nothing may use
    /// its token afterwards (registrations on it are removed then).
    /// </summary>
    internal readonly struct Lease(TimeoutSources? owner, CancellationTokenSource? source, CancellationTokenRegistration registration, CancellationToken token) : IDisposable
    {
        /// <summary>The token to pass on: cancelled at the timeout or by the caller.</summary>
        public CancellationToken Token => token;

        /// <summary>Whether it was cancelled (the timeout passed, or the caller cancelled).</summary>
        public bool IsCancellationRequested => token.IsCancellationRequested;

        /// <summary>Cancels now (a source that was cancelled is not reused).</summary>
        public void Cancel() => source?.Cancel();

        public void Dispose()
        {
            registration.Dispose();
            if (source is not null)
            {
                owner!.Return(source);
            }
        }
    }
}
