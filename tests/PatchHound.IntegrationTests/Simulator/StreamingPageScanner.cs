using System.Text.Json;

namespace PatchHound.IntegrationTests.Simulator;

/// <summary>
/// Reads a Defender page row by row from the network stream, so a test can walk pages of 50,000 rows without
/// holding them: counts rows, hands each to a callback, and picks up <c>@odata.nextLink</c> wherever it appears.
/// </summary>
public sealed class StreamingPageScanner(Action<JsonElement> onRow)
{
    private bool inValue;
    private JsonReaderState state;

    public long Rows { get; private set; }

    public string? NextLink { get; private set; }

    public static async Task<StreamingPageScanner> ScanAsync(Stream stream, Action<JsonElement> onRow)
    {
        var scanner = new StreamingPageScanner(onRow);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var final = false;
        while (!final)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(filled));
            final = read == 0;
            filled += read;
            var consumed = scanner.Consume(buffer.AsSpan(0, filled), final);
            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
        }

        return scanner;
    }

    private int Consume(ReadOnlySpan<byte> data, bool final)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (true)
        {
            var checkpoint = reader;
            if (!reader.Read())
            {
                break;
            }

            if (inValue && reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == 2)
            {
                var probe = reader;
                if (!probe.TrySkip())
                {
                    reader = checkpoint;
                    break;
                }

                using var row = JsonDocument.ParseValue(ref reader);
                onRow(row.RootElement);
                Rows++;
            }
            else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString();
                var probe = reader;
                if (!probe.Read())
                {
                    reader = checkpoint;
                    break;
                }

                inValue = name == "value";
                if (name == "@odata.nextLink")
                {
                    reader.Read();
                    NextLink = reader.GetString();
                }
            }
            else if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 1)
            {
                inValue = false;
            }
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }
}
