using System.Buffers;
using System.Text.Json;
using PatchHound.Core.Ingestion;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Reads a stream of JSON lines (one record per line, as the via-files export's decompressed files are) with the same
/// record reader as the JSON export, handing out <paramref name="chunkRecords"/> records at a time: memory holds one
/// chunk and one line being read, whatever the file's size. A line that is not a JSON object fails the file (as a
/// malformed page does); an unusable record is skipped and counted.
/// </summary>
internal sealed class JsonLinesReader<T>(IJsonRecordReader<T> records, int fileNumber, int maxLineBytes, int chunkRecords)
{
    public const string Listing = "SoftwareVulnerabilitiesExport file";
    private const string Unit = "export file";
    private const int InitialBufferSize = 64 * 1024;

    private List<T> items = [];
    private List<SkippedRecord> skipped = [];
    private int recordIndex;
    private int lineNumber;

    /// <summary>Records read so far, usable or not.</summary>
    public int RecordsRead => recordIndex;

    /// <param name="readMore">Reads from the file into the buffer; the caller wraps its transport errors.</param>
    public async IAsyncEnumerable<SourcePage<T>> ReadAsync(Func<Memory<byte>, Task<int>> readMore)
    {
        ArgumentNullException.ThrowIfNull(readMore);
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        int start = 0, end = 0;
        try
        {
            var endOfFile = false;
            while (true)
            {
                var newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (newline >= 0 || (endOfFile && end > start))
                {
                    var length = newline >= 0 ? newline : end - start;
                    ParseLine(buffer.AsSpan(start, length));
                    start += newline >= 0 ? length + 1 : length;
                    if (items.Count + skipped.Count >= chunkRecords)
                    {
                        yield return TakeChunk();
                    }

                    continue;
                }

                if (endOfFile)
                {
                    break;
                }

                if (end - start >= maxLineBytes)
                {
                    throw Fault($"line {lineNumber + 1} is longer than the {maxLineBytes} bytes allowed for one record (Defender:MaxExportLineBytes)");
                }

                (buffer, start, end) = MakeRoom(buffer, start, end);
                var read = await readMore(buffer.AsMemory(end));
                endOfFile = read == 0;
                end += read;
            }

            if (items.Count + skipped.Count > 0)
            {
                yield return TakeChunk();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SourcePage<T> TakeChunk()
    {
        var chunk = new SourcePage<T>(items, null, fileNumber, 0) { Skipped = skipped };
        items = [];
        skipped = [];
        return chunk;
    }

    private void ParseLine(ReadOnlySpan<byte> line)
    {
        lineNumber++;
        if (lineNumber == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        var reader = new Utf8JsonReader(line, isFinalBlock: true, state: default);
        try
        {
            if (!reader.Read())
            {
                return; // a blank line
            }

            var index = recordIndex++;
            try
            {
                items.Add(records.Read(ref reader, new RecordLocation(fileNumber, index, Unit)));
            }
            catch (UnusableRecordException unusable)
            {
                skipped.Add(new SkippedRecord(Listing, fileNumber, index, unusable.Reason));
            }

            if (reader.Read())
            {
                throw Fault($"line {lineNumber} has content after its JSON object");
            }
        }
        catch (JsonException exception)
        {
            throw Fault($"line {lineNumber} is not valid JSON: {exception.Message}", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw Fault($"line {lineNumber} has unreadable text", exception);
        }
    }

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

    private SourcePayloadException Fault(string problem, Exception? inner = null) =>
        new($"Defender {Unit} {fileNumber} {problem}.", fileNumber, recordIndex, innerException: inner);
}
