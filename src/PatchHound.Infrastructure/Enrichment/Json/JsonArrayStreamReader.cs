using System.Runtime.CompilerServices;
using System.Text.Json;

namespace PatchHound.Infrastructure.Enrichment.Json;

/// <summary>
/// Reads the elements of one array property of a JSON object from a stream, one at a time, so that a feed of any
/// size never sits in memory whole. The object's other properties are kept in <see cref="TopLevelValues"/>.
/// Broken JSON anywhere fails the whole document with a <see cref="FeedFormatException"/>; an element that is valid
/// JSON but does not fit <typeparamref name="T"/> comes back as an item with an <c>Error</c>, for the caller to skip.
/// </summary>
internal sealed class JsonArrayStreamReader<T>(string document, string arrayProperty, JsonSerializerOptions options)
    where T : class
{
    private const int InitialBufferSize = 64 * 1024;

    // A single element (not the document) larger than this is refused rather than buffered.
    private const int MaxBufferSize = 32 * 1024 * 1024;

    private readonly Dictionary<string, JsonElement> topLevelValues = new(StringComparer.Ordinal);
    private Phase phase = Phase.Start;
    private JsonReaderState state;
    private int nextIndex;

    private enum Phase
    {
        Start,
        Properties,
        Items,
        Done,
    }

    public IReadOnlyDictionary<string, JsonElement> TopLevelValues => topLevelValues;

    /// <summary>The array property was present (an empty array counts).</summary>
    public bool SawArray { get; private set; }

    public async IAsyncEnumerable<JsonArrayItem<T>> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[InitialBufferSize];
        var length = 0;
        var items = new List<JsonArrayItem<T>>();
        while (phase != Phase.Done)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length >= MaxBufferSize)
                {
                    throw new FeedFormatException(document, $"an element is larger than {MaxBufferSize} bytes.");
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            length += read;
            var isFinalBlock = read == 0;
            var consumed = ParseOrFail(buffer.AsSpan(0, length), isFinalBlock, items);
            foreach (var item in items)
            {
                yield return item;
            }

            items.Clear();
            buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
            length -= consumed;
            if (isFinalBlock && phase != Phase.Done)
            {
                throw new FeedFormatException(document, "the document ended before its closing brace.");
            }
        }
    }

    private int ParseOrFail(ReadOnlySpan<byte> data, bool isFinalBlock, List<JsonArrayItem<T>> items)
    {
        try
        {
            return Parse(data, isFinalBlock, items);
        }
        catch (JsonException e)
        {
            throw new FeedFormatException(document, e.Message, e);
        }
    }

    /// <summary>
    /// Advances over complete steps only and returns the bytes they used; an incomplete step is read again from its
    /// start once more data has arrived.
    /// </summary>
    private int Parse(ReadOnlySpan<byte> data, bool isFinalBlock, List<JsonArrayItem<T>> items)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, state);
        var consumed = 0;
        while (phase != Phase.Done && Step(ref reader, items))
        {
            consumed = (int)reader.BytesConsumed;
            state = reader.CurrentState;
        }

        return consumed;
    }

    private bool Step(ref Utf8JsonReader reader, List<JsonArrayItem<T>> items)
    {
        if (!reader.Read())
        {
            return false;
        }

        switch (phase)
        {
            case Phase.Start:
                Expect(reader.TokenType == JsonTokenType.StartObject, "a JSON object");
                phase = Phase.Properties;
                return true;
            case Phase.Properties when reader.TokenType == JsonTokenType.EndObject:
                phase = Phase.Done;
                return true;
            case Phase.Properties:
                return ReadProperty(ref reader);
            case Phase.Items when reader.TokenType == JsonTokenType.EndArray:
                phase = Phase.Properties;
                return true;
            default:
                return ReadItem(ref reader, items);
        }
    }

    private bool ReadProperty(ref Utf8JsonReader reader)
    {
        var name = reader.GetString()!;
        if (!reader.Read())
        {
            return false;
        }

        if (name == arrayProperty)
        {
            Expect(reader.TokenType == JsonTokenType.StartArray, $"\"{arrayProperty}\" to be an array");
            SawArray = true;
            phase = Phase.Items;
            return true;
        }

        if (!JsonDocument.TryParseValue(ref reader, out var value))
        {
            return false;
        }

        using (value)
        {
            topLevelValues[name] = value.RootElement.Clone();
        }

        return true;
    }

    private bool ReadItem(ref Utf8JsonReader reader, List<JsonArrayItem<T>> items)
    {
        var end = reader;
        if (!end.TrySkip())
        {
            return false;
        }

        var index = nextIndex++;
        try
        {
            var value = JsonSerializer.Deserialize<T>(ref reader, options);
            items.Add(new JsonArrayItem<T>(index, value, value is null ? "the element is null" : null));
        }
        catch (JsonException e)
        {
            items.Add(new JsonArrayItem<T>(index, null, e.Message));
        }

        reader = end;
        return true;
    }

    private static void Expect(bool holds, string expected)
    {
        if (!holds)
        {
            throw new JsonException($"expected {expected}.");
        }
    }
}
