using System.Net;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Simulator;

public sealed class SimulatorMalformedPageTests
{
    private const string Tenant = "cccccccc-0000-4000-8000-00000000000c";
    private const string Export = "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=10";

    [Fact]
    public async Task Truncated_json_ends_the_body_mid_page()
    {
        var body = await BodyWithFaultAsync("TruncatedJson", Export);

        var parse = () => JsonDocument.Parse(body);

        parse.Should().Throw<JsonException>();
        body.Should().Contain("\"value\":[");
    }

    [Fact]
    public async Task Wrong_types_send_device_ids_as_numbers()
    {
        var rows = Rows(await BodyWithFaultAsync("WrongTypes", Export));

        rows.Should().OnlyContain(r => r.GetProperty("deviceId").ValueKind == JsonValueKind.Number);
    }

    [Theory]
    [InlineData(Export)]
    [InlineData("/api/machines?$top=10")]
    public async Task Extra_columns_come_first_in_every_row_and_leave_the_documented_fields_as_they_were(string url)
    {
        var clean = Rows(await BodyWithFaultAsync(kind: null, url));
        var rows = Rows(await BodyWithFaultAsync("ExtraColumns", url));

        rows.Should().HaveCount(clean.Count).And.OnlyContain(r => r.EnumerateObject().First().Name == "tmpAssessmentSource");
        rows.Select(r => r.GetProperty("tmpDetails").GetProperty("id").GetString()).Should().OnlyContain(id => id == "not-a-record-id");
        for (var i = 0; i < rows.Count; i++)
        {
            var documented = rows[i].EnumerateObject().Where(p => !p.Name.StartsWith("tmp", StringComparison.Ordinal)).Select(p => p.ToString());
            documented.Should().Equal(clean[i].EnumerateObject().Select(p => p.ToString()));
        }
    }

    [Fact]
    public async Task A_missing_required_field_drops_software_names()
    {
        var rows = Rows(await BodyWithFaultAsync("MissingRequiredField", Export));

        rows.Should().NotBeEmpty();
        rows.Where(r => r.TryGetProperty("softwareName", out _)).Should().BeEmpty();
    }

    [Fact]
    public async Task Duplicate_items_repeat_a_device_of_an_earlier_page()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(Tenant);
        await simulator.SetFaultsAsync(new { kind = "DuplicateItems", page = 2 });

        var ids = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, "/api/machines?$top=5")).Select(r => r.GetProperty("id").GetString()).ToList();

        ids.Should().HaveCount(101, "the default tenant has 100 devices");
        ids.Distinct().Should().HaveCount(100);
        ids[10].Should().Be(ids[0]);
    }

    [Fact]
    public async Task An_html_error_page_comes_with_status_200()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(Tenant);
        await simulator.SetFaultsAsync(new { kind = "HtmlErrorPage" });

        using var response = await client.GetAsync(new Uri("/api/machines", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Fact]
    public async Task An_oversized_page_is_padded_past_the_limit_and_stays_valid_json()
    {
        var body = await BodyWithFaultAsync("OversizedPage", Export, new { oversizeMegabytes = 2 });

        body.Length.Should().BeGreaterThan(2 * 1024 * 1024);
        Rows(body).Should().HaveCount(10);
    }

    [Fact]
    public async Task A_foreign_next_link_points_to_another_origin()
    {
        var body = await BodyWithFaultAsync("ForeignNextLink", Export);

        Next(body).Should().StartWith("https://defender-simulator.invalid/api/machines/SoftwareVulnerabilitiesByMachine?");
    }

    [Fact]
    public async Task A_cyclic_next_link_on_page_3_leads_back_to_page_1()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(Tenant);
        await simulator.SetFaultsAsync(new { kind = "CyclicNextLink", page = 3 });

        var first = await ODataPage.GetAsync(client, Export);
        var third = await ODataPage.GetAsync(client, (await ODataPage.GetAsync(client, first.NextLink!)).NextLink!);
        var again = await ODataPage.GetAsync(client, third.NextLink!);

        again.Rows.Select(r => r.GetProperty("id").GetString()).Should().Equal(first.Rows.Select(r => r.GetProperty("id").GetString()));
        again.NextLink.Should().Be(first.NextLink);
    }

    [Fact]
    public async Task A_connection_reset_breaks_the_response_mid_page()
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(Tenant);
        await simulator.SetFaultsAsync(new { kind = "ConnectionReset" });

        var read = () => client.GetStringAsync(new Uri(Export, UriKind.Relative));

        await read.Should().ThrowAsync<HttpRequestException>();
    }

    private static async Task<string> BodyWithFaultAsync(string? kind, string url, object? extra = null)
    {
        await using var simulator = await SimulatorServer.StartAsync();
        using var client = await simulator.ClientForAsync(Tenant);
        if (kind is not null)
        {
            var rule = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
            rule["kind"] = kind;
            await simulator.SetFaultsAsync(rule);
        }

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<JsonElement> Rows(string body) => [.. JsonDocument.Parse(body).RootElement.GetProperty("value").EnumerateArray()];

    private static string? Next(string body) => JsonDocument.Parse(body).RootElement.GetProperty("@odata.nextLink").GetString();
}
