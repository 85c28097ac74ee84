using System.Text;
using PatchHound.Infrastructure.Defender;

namespace PatchHound.IntegrationTests.Defender;

public sealed class JsonPageReaderTests
{
    private static Task<ParsedPage<DefenderVulnerabilityRecord>> ReadAsync(string json, int bytesPerRead = int.MaxValue, long maxBytes = 1 << 20) =>
        new JsonPageReader<DefenderVulnerabilityRecord>(DefenderVulnerabilityReader.Instance, pageNumber: 4, maxBytes)
            .ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), bytesPerRead), CancellationToken.None);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    public async Task Reads_the_same_records_whatever_the_read_sizes(int bytesPerRead)
    {
        var json = FakeDefenderServer.Page(DefenderPayloads.Vulnerabilities(0, 25), "https://example.test/next?$skiptoken=a%20b");

        var page = await ReadAsync("  \r\n" + json + " \n", bytesPerRead);

        page.Items.Select(record => record.CveId).Should().Equal(Enumerable.Range(0, 25).Select(n => $"CVE-2024-{1000 + n}"));
        page.Items.Should().OnlyContain(record => record.CvssScore == 7.5m);
        page.NextLink.Should().Be("https://example.test/next?$skiptoken=a%20b");
        page.Bytes.Should().Be(Encoding.UTF8.GetByteCount(json) + 6);
    }

    [Fact]
    public async Task Skips_a_byte_order_mark_split_across_reads()
    {
        var page = await ReadAsync("\uFEFF" + FakeDefenderServer.Page(DefenderPayloads.Vulnerabilities(0, 2), null), bytesPerRead: 1);

        page.Items.Should().HaveCount(2);
    }

    [Fact]
    public async Task Reads_an_empty_last_page()
    {
        var page = await ReadAsync("""{"@odata.context":"x","value":[]}""");

        page.Items.Should().BeEmpty();
        page.NextLink.Should().BeNull();
    }

    [Theory]
    [InlineData("", "Defender page 4 is empty.")]
    [InlineData("""{"@odata.context":"x"}""", "Defender page 4 has no 'value' array.")]
    [InlineData("""{"value":{}}""", "Defender page 4 has a 'value' that is an object, not an array.")]
    [InlineData("""{"value":[],"@odata.nextLink":42}""", "Defender page 4 has an '@odata.nextLink' that is a number.")]
    [InlineData("""{"value":[]}{"value":[]}""", "Defender page 4 has content after its JSON object.")]
    [InlineData("""[{"id":"x"}]""", "Defender page 4 is not a JSON object: it starts with '['.")]
    [InlineData("""{"value":["CVE-2024-1234"]}""", "Defender page 4, record 0: must be a JSON object but is a string.")]
    public async Task Names_what_is_wrong_with_a_page(string json, string expected)
    {
        var reading = () => ReadAsync(json, bytesPerRead: 5);

        (await reading.Should().ThrowAsync<SourcePayloadException>()).Which.Message.Should().Be(expected);
    }

    [Fact]
    public async Task Counts_bytes_as_they_arrive_and_stops_at_the_limit()
    {
        var json = FakeDefenderServer.Page(DefenderPayloads.Vulnerabilities(0, 100), null);
        var stream = new TrickleStream(Encoding.UTF8.GetBytes(json), 1000);
        var reader = new JsonPageReader<DefenderVulnerabilityRecord>(DefenderVulnerabilityReader.Instance, 1, maxBytes: 4096);

        var reading = () => reader.ReadAsync(stream, CancellationToken.None);

        await reading.Should().ThrowAsync<SourcePayloadException>().WithMessage("*larger than the 4096 bytes*");
        stream.Position.Should().Be(5000);
    }

    /// <summary>A stream that hands out at most a few bytes per read, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] data, int bytesPerRead) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, bytesPerRead)], cancellationToken);
    }
}
