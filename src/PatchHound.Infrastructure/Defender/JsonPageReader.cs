using System.Buffers;
using System.Text.Json;
using PatchHound.Core.Ingestion;

namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// Reads one OData page (<c>{"value": [...], "@odata.nextLink": "..."}</c>) from the response stream with
/// <see cref="Utf8JsonReader"/>, one record at a time: the buffer holds at most the record being read plus one
/// read's worth, and the byte count is checked after every read, so an oversized page fails early.
/// </summary>
internal sealed partial class JsonPageReader<T>(IJsonRecordReader<T> records, int pageNumber, long maxBytes)
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly List<T> items = [];
    private readonly List<SkippedRecord> skipped = [];
    private Phase phase = Phase.Start;
    private JsonReaderState state;
    private bool sawValue;
    private string? nextLink;
    private long bytes;

    private enum Phase
    {
        Start,
        Root,
        Items,
        Done,
    }

    private int RecordsRead => items.Count + skipped.Count;

    public async Task<ParsedPage<T>> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        int start = 0, end = 0;
        try
        {
            var endOfBody = false;
            while (true)
            {
                start += ParseAvailable(buffer.AsSpan(start, end - start));
                if (phase == Phase.Done)
                {
                    await EnsureOnlyWhitespaceFollowsAsync(body, buffer, start, end, cancellationToken);
                    return new ParsedPage<T>(items, nextLink, bytes) { Skipped = skipped };
                }

                if (endOfBody)
                {
                    throw Fault(phase == Phase.Start && bytes == 0
                        ? "is empty"
                        : "ends before its JSON is complete (truncated)");
                }

                (buffer, start, end) = MakeRoom(buffer, start, end);
                var read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken);
                endOfBody = read == 0;
                end += read;
                Count(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <returns>Bytes fully consumed; an incomplete unit is left for the next call, with more data.</returns>
    private int ParseAvailable(ReadOnlySpan<byte> data)
    {
        if (phase == Phase.Start)
        {
            var first = FirstSignificantByte(data);
            if (first < 0 || (data.Length < Utf8ByteOrderMark.Length && Utf8ByteOrderMark.AsSpan().StartsWith(data)))
            {
                return 0;
            }

            if (data.StartsWith(Utf8ByteOrderMark))
            {
                // Utf8JsonReader does not accept a byte order mark; drop it and parse on the next pass.
                return Utf8ByteOrderMark.Length;
            }

            if (data[first] != (byte)'{')
            {
                throw Fault(data[first] == (byte)'<'
                    ? "is not JSON: it starts with '<' (an HTML page?)"
                    : $"is not a JSON object: it starts with '{(char)data[first]}'");
            }
        }

        var reader = new Utf8JsonReader(data, isFinalBlock: false, state);
        try
        {
            while (phase != Phase.Done)
            {
                var unitStart = reader.BytesConsumed;
                var unitState = reader.CurrentState;
                if (!TryReadUnit(ref reader))
                {
                    state = unitState;
                    return (int)unitStart;
                }
            }
        }
        catch (JsonException exception)
        {
            throw Fault($"is not valid JSON{(phase == Phase.Items ? $" at record {RecordsRead}" : string.Empty)}: {exception.Message}", exception);
        }
        catch (InvalidOperationException exception)
        {
            throw Fault($"has unreadable text{(phase == Phase.Items ? $" at record {RecordsRead}" : string.Empty)}", exception);
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>Reads one whole unit (the root's opening, one top-level property, one record) or nothing.</summary>
    private bool TryReadUnit(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (phase)
        {
            case Phase.Start:
                phase = Phase.Root;
                return true;
            case Phase.Root when reader.TokenType == JsonTokenType.EndObject:
                phase = sawValue ? Phase.Done : throw Fault("has no 'value' array", field: "value");
                return true;
            case Phase.Root:
                return TryReadProperty(ref reader);
            case Phase.Items when reader.TokenType == JsonTokenType.EndArray:
                phase = Phase.Root;
                return true;
            default:
                var probe = reader;
                if (reader.TokenType == JsonTokenType.StartObject && !probe.TrySkip())
                {
                    return false;
                }

                var index = RecordsRead;
                try
                {
                    items.Add(records.Read(ref reader, new RecordLocation(pageNumber, index)));
                }
                catch (UnusableRecordException unusable)
                {
                    skipped.Add(new SkippedRecord(string.Empty, pageNumber, index, unusable.Reason));
                }

                return true;
        }
    }

    private bool TryReadProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("value"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            phase = reader.TokenType == JsonTokenType.StartArray
                ? Phase.Items
                : throw Fault($"has a 'value' that is {JsonFields.Describe(reader.TokenType)}, not an array", field: "value");
            sawValue = true;
            return true;
        }

        if (reader.ValueTextEquals("@odata.nextLink"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            nextLink = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                _ => throw Fault($"has an '@odata.nextLink' that is {JsonFields.Describe(reader.TokenType)}", field: "@odata.nextLink"),
            };
            return true;
        }

        return reader.TrySkip();
    }
}
