using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Pipelines;

namespace PatchHound.Infrastructure.Enrichment;

/// <summary>
/// A feed body as a stream of its content: the body itself, or its decompressed content when it starts with the
/// gzip magic bytes. The bytes decide rather than the Content-Type, which servers set to anything from
/// application/gzip to application/octet-stream or text/csv for the same file. Nothing is buffered beyond the two
/// bytes peeked.
/// </summary>
internal sealed class FeedContent : IAsyncDisposable
{
    private readonly string document;
    private readonly ObservedReadStream? compressed;
    private readonly ObservedReadStream? decompressed;

    private FeedContent(string document, Stream stream, ObservedReadStream? compressed, ObservedReadStream? decompressed)
    {
        this.document = document;
        Stream = stream;
        this.compressed = compressed;
        this.decompressed = decompressed;
    }

    public Stream Stream { get; }

    public static async Task<FeedContent> OpenAsync(string document, Stream body, CancellationToken cancellationToken)
    {
        var pipe = PipeReader.Create(body);
        var peek = await pipe.ReadAtLeastAsync(2, cancellationToken);
        var isGzip = peek.Buffer.Length >= 2 && peek.Buffer.Slice(0, 2).ToArray() is [0x1f, 0x8b];
        pipe.AdvanceTo(peek.Buffer.Start);
        if (!isGzip)
        {
            return new FeedContent(document, pipe.AsStream(), null, null);
        }

        var compressed = new ObservedReadStream(pipe.AsStream());
        var decompressed = new ObservedReadStream(new GZipStream(compressed, CompressionMode.Decompress));
        return new FeedContent(document, decompressed, compressed, decompressed);
    }

    /// <summary>
    /// Call once the content was read to its end. GZipStream checks the gzip trailer when it gets one, but takes
    /// data that stops before it for a normal end; so the trailer's length field (the last four bytes of a
    /// single-member file, as EPSS publishes) must match what was decompressed.
    /// </summary>
    public void EnsureComplete()
    {
        if (compressed is null || decompressed is null)
        {
            return;
        }

        var tail = compressed.Tail;
        if (tail.Length < ObservedReadStream.TailLength
            || BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) != unchecked((uint)decompressed.BytesRead))
        {
            throw new FeedFormatException(document, "its gzip data ends before the gzip trailer (truncated file?).");
        }
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
