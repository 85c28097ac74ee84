using System.Buffers;

namespace PatchHound.Infrastructure.Defender;

internal sealed partial class JsonPageReader<T>
{
    private static readonly byte[] Utf8ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Moves the unread bytes to the front and doubles the buffer when a unit fills it.</summary>
    private static (byte[] Buffer, int Start, int End) MakeRoom(byte[] buffer, int start, int end)
    {
        var unread = end - start;
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, unread);
        }

        if (unread < buffer.Length)
        {
            return (buffer, 0, unread);
        }

        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, larger, 0, unread);
        ArrayPool<byte>.Shared.Return(buffer);
        return (larger, 0, unread);
    }

    private static int FirstSignificantByte(ReadOnlySpan<byte> data)
    {
        var offset = data.StartsWith(Utf8ByteOrderMark) ? Utf8ByteOrderMark.Length : 0;
        for (var i = offset; i < data.Length; i++)
        {
            if (data[i] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return i;
            }
        }

        return -1;
    }

    private async Task EnsureOnlyWhitespaceFollowsAsync(
        Stream body, byte[] buffer, int start, int end, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (FirstSignificantByte(buffer.AsSpan(start, end - start)) >= 0)
            {
                throw Fault("has content after its JSON object");
            }

            start = 0;
            end = await body.ReadAsync(buffer, cancellationToken);
            if (end == 0)
            {
                return;
            }

            Count(end);
        }
    }

    private void Count(int read)
    {
        bytes += read;
        if (bytes > maxBytes)
        {
            throw Fault($"is larger than the {maxBytes} bytes allowed for a page (Defender:MaxPageBytes)");
        }
    }

    private SourcePayloadException Fault(string problem, Exception? inner = null, string? field = null) =>
        new($"Defender page {pageNumber} {problem}.", pageNumber, phase == Phase.Items ? items.Count : null, field, inner);
}
