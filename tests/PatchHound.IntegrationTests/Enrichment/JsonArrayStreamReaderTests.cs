using System.Text.Json;
using System.Text.Json.Nodes;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.Infrastructure.Enrichment.Json;

namespace PatchHound.IntegrationTests.Enrichment;

public sealed class JsonArrayStreamReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Elements_come_out_whole_wherever_the_stream_cuts_the_document(int chunk)
    {
        var document = KevCatalogFile.With(entries =>
        {
            while (entries.Count > 40)
            {
                entries.RemoveAt(entries.Count - 1);
            }
        });
        var expected = KevCatalogFile.Entries(JsonNode.Parse(document)!.AsObject()).Select(e => (string)e["cveID"]!).ToList();
        var reader = new JsonArrayStreamReader<Dictionary<string, JsonElement>>("test document", "vulnerabilities", JsonSerializerOptions.Web);

        var items = new List<JsonArrayItem<Dictionary<string, JsonElement>>>();
        await foreach (var item in reader.ReadAsync(new TrickleStream(document, chunk), CancellationToken.None))
        {
            items.Add(item);
        }

        items.Select(i => i.Value!["cveID"].GetString()).Should().Equal(expected);
        items.Select(i => i.Index).Should().Equal(Enumerable.Range(0, 40));
        reader.TopLevelValues["count"].GetInt32().Should().Be(40);
        reader.TopLevelValues["catalogVersion"].GetString().Should().Be("2025.08.25");
    }

    [Fact]
    public async Task An_element_of_the_wrong_shape_is_reported_and_the_next_one_still_read()
    {
        var document = """{"items": [{"a": "x"}, ["not", "an", "object"], {"a": "y"}], "after": 1}"""u8.ToArray();
        var reader = new JsonArrayStreamReader<Dictionary<string, string>>("test document", "items", JsonSerializerOptions.Web);

        var items = new List<JsonArrayItem<Dictionary<string, string>>>();
        await foreach (var item in reader.ReadAsync(new TrickleStream(document, 3), CancellationToken.None))
        {
            items.Add(item);
        }

        items.Select(i => i.Value?["a"]).Should().Equal("x", null, "y");
        items[1].Error.Should().NotBeNullOrEmpty();
        reader.TopLevelValues["after"].GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Broken_json_fails_the_document_with_its_name()
    {
        var document = """{"items": [{"a": "x"}, {"a" "y"}]}"""u8.ToArray();
        var reader = new JsonArrayStreamReader<Dictionary<string, string>>("test document", "items", JsonSerializerOptions.Web);

        var read = async () =>
        {
            await foreach (var unused in reader.ReadAsync(new MemoryStream(document), CancellationToken.None))
            {
            }
        };

        await read.Should().ThrowAsync<FeedFormatException>().WithMessage("The test document is malformed: *");
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
