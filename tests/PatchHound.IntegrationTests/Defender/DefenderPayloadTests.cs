using System.Text;
using Microsoft.AspNetCore.Http;
using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Defender;
using static PatchHound.IntegrationTests.Defender.DefenderTestClient;

namespace PatchHound.IntegrationTests.Defender;

public sealed class DefenderPayloadTests : IAsyncLifetime
{
    private FakeDefenderServer server = null!;

    public async Task InitializeAsync() => server = await FakeDefenderServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("text/html", "content type 'text/html' instead of JSON")]
    [InlineData("application/json", "starts with '<' (an HTML page?)")]
    public async Task Rejects_an_HTML_page_served_with_200(string contentType, string expected)
    {
        server.Handler = async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync("<!DOCTYPE html><html><body>Sign in to continue</body></html>");
        };

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourcePayloadException>()).Which;
        failure.Message.Should().Contain("page 1").And.Contain(expected);
        server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Rejects_truncated_JSON_naming_the_page_and_record()
    {
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(
            context,
            context.Request.Query.ContainsKey("$skip")
                ? """{"value":[{"id":"m3","lastSeen":"2024-01-01T00:00:00Z"},{"id":"m4","lastSe"""
                : FakeDefenderServer.Page(DefenderPayloads.Machines(0, 3), server.Url("api/machines?$skip=3")));

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourcePayloadException>()).Which;
        failure.Message.Should().Be("Defender page 2 ends before its JSON is complete (truncated).");
        (failure.PageNumber, failure.RecordIndex).Should().Be((2, 1));
    }

    [Fact]
    public async Task Rejects_malformed_JSON_without_leaking_a_JsonException()
    {
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(context, """{"value":[{"id":"m1",,}]}""");

        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourcePayloadException>()).Which;
        failure.Message.Should().StartWith("Defender page 1 is not valid JSON at record 0");
        failure.RecordIndex.Should().Be(0);
    }

    [Theory]
    [InlineData("cvssScore", "\"high\"", "must be a number but is a string")]
    [InlineData("softwareName", "42", "must be a string but is a number")]
    [InlineData("lastSeenTimestamp", "\"yesterday\"", "is not a timestamp")]
    public async Task Rejects_a_field_of_the_wrong_type_naming_page_record_and_field(string field, string json, string problem)
    {
        var records = DefenderPayloads.Vulnerabilities(0, 3).Select(FakeDefenderServer.Serialize).ToList();
        records[2] = records[2].Replace("}", $",\"{field}\":{json}}}", StringComparison.Ordinal);
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(context, $"{{\"value\":[{string.Join(',', records)}]}}");

        var reading = () => ReadAllAsync(For(server).ReadVulnerabilitiesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourcePayloadException>()).Which;
        failure.Message.Should().Be($"Defender page 1, record 2: field '{field}' {problem}.");
        (failure.PageNumber, failure.RecordIndex, failure.Field).Should().Be((1, 2, field));
    }

    [Fact]
    public async Task Reads_an_export_row_without_a_cveId_as_installed_software()
    {
        var records = DefenderPayloads.Vulnerabilities(0, 3).Cast<Dictionary<string, object?>>().ToList();
        records[1].Remove("cveId");
        records[2]["cveId"] = null;
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(context, FakeDefenderServer.Page(records, null));

        var read = await ReadAllAsync(For(server).ReadVulnerabilitiesAsync(null, Timeout()));

        read.SelectMany(p => p.Items).Select(r => r.CveId).Should().Equal("CVE-2024-1000", null, null);
    }

    [Fact]
    public async Task Skips_export_rows_without_a_device_id_or_software_name_and_says_where_they_were()
    {
        var records = DefenderPayloads.Vulnerabilities(0, 5).Cast<Dictionary<string, object?>>().ToList();
        records[1].Remove("softwareName");
        records[3]["deviceId"] = "";
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(context, FakeDefenderServer.Page(records, null));

        var page = (await ReadAllAsync(For(server).ReadVulnerabilitiesAsync(null, Timeout()))).Single();

        page.Items.Select(r => r.CveId).Should().Equal("CVE-2024-1000", "CVE-2024-1002", "CVE-2024-1004");
        page.Skipped.Should().Equal(
            new SkippedRecord("/api/machines/SoftwareVulnerabilitiesByMachine", 1, 1, "field 'softwareName' is missing or empty"),
            new SkippedRecord("/api/machines/SoftwareVulnerabilitiesByMachine", 1, 3, "field 'deviceId' is missing or empty"));
    }

    [Fact]
    public async Task Skips_a_machine_without_an_id_but_still_rejects_an_id_of_the_wrong_type()
    {
        var machines = DefenderPayloads.Machines(0, 3).Cast<Dictionary<string, object?>>().ToList();
        machines[0]["id"] = null;
        server.Handler = context => FakeDefenderServer.WriteJsonAsync(context, FakeDefenderServer.Page(machines, null));

        var page = (await ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()))).Single();

        page.Items.Should().HaveCount(2);
        page.Skipped.Should().ContainSingle().Which.Should().Be(new SkippedRecord("/api/machines", 1, 0, "field 'id' is missing or empty"));

        machines[0]["id"] = 42;
        var reading = () => ReadAllAsync(For(server).ReadMachinesAsync(null, Timeout()));
        (await reading.Should().ThrowAsync<SourcePayloadException>()).Which.Message.Should().Be("Defender page 1, record 0: field 'id' must be a string but is a number.");
    }

    [Fact]
    public async Task Stops_reading_a_page_larger_than_the_limit_while_it_streams()
    {
        var options = FastOptions();
        options.MaxPageBytes = 16 * 1024;
        long written = 0;
        server.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            var record = Encoding.UTF8.GetBytes(FakeDefenderServer.Serialize(DefenderPayloads.Machine(1)) + ",");
            await context.Response.Body.WriteAsync("""{"value":["""u8.ToArray());
            try
            {
                // Up to 200 MB: far more than the client may buffer.
                for (var i = 0; i < 500_000 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(record, context.RequestAborted);
                    Interlocked.Add(ref written, record.Length);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
            }
        };

        var reading = () => ReadAllAsync(For(server, options).ReadMachinesAsync(null, Timeout()));

        var failure = (await reading.Should().ThrowAsync<SourcePayloadException>()).Which;
        failure.Message.Should().Be("Defender page 1 is larger than the 16384 bytes allowed for a page (Defender:MaxPageBytes).");
        await Task.Delay(500);
        Interlocked.Read(ref written).Should().BeLessThan(50L << 20, "the client stopped reading at the limit");
    }
}
