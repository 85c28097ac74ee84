namespace PatchHound.Infrastructure.Enrichment;

/// <summary>A read-only pass-through stream that counts the bytes read and keeps the last eight.</summary>
internal sealed class ObservedReadStream(Stream inner) : Stream
{
    public const int TailLength = 8;

    private readonly byte[] tail = new byte[TailLength];

    public long BytesRead { get; private set; }

    /// <summary>The last <see cref="TailLength"/> bytes read; shorter while fewer were read.</summary>
    public ReadOnlySpan<byte> Tail => tail.AsSpan((int)Math.Max(0, TailLength - BytesRead));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Observe(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Observe(buffer.Span[..read]);
        return read;
    }

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
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }

    private void Observe(ReadOnlySpan<byte> read)
    {
        BytesRead += read.Length;
        if (read.Length >= TailLength)
        {
            read[^TailLength..].CopyTo(tail);
            return;
        }

        tail.AsSpan(read.Length).CopyTo(tail);
        read.CopyTo(tail.AsSpan(TailLength - read.Length));
    }
}
