namespace Gcore.Iam.Http;

/// <summary>
/// What every wrapper of an answer's body stream shares: read-only, not seekable, disposing the stream
/// it wraps. A wrapper writes its two reads (<see cref="ReadCore"/> and <see cref="ReadCoreAsync"/>); the
/// array overloads, and on .NET the span overloads, go through them (netstandard2.0's Stream has no span
/// overloads to override).
/// </summary>
/// <param name="inner">The stream read from; disposed with this one.</param>
internal abstract class ReadOnlyWrapperStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The stream read from.</summary>
    protected Stream Inner { get; } = inner;

    /// <summary>Reads into <paramref name="buffer"/>; 0 at the end of the stream.</summary>
    protected abstract int ReadCore(Span<byte> buffer);

    /// <summary>Reads into <paramref name="buffer"/>; 0 at the end of the stream.</summary>
    protected abstract ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken);

#if NET
    public override int Read(Span<byte> buffer) => ReadCore(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadCoreAsync(buffer, cancellationToken);
#endif

    public override int Read(byte[] buffer, int offset, int count) => ReadCore(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadCoreAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
