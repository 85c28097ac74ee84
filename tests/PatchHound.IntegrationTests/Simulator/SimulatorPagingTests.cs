namespace PatchHound.IntegrationTests.Simulator;

public sealed class SimulatorPagingTests
{
    private const string Tenant = "7d1f3a52-0c1e-4f7e-9d55-2f8f2f6a1001";

    [Fact]
    public async Task Machine_pages_return_every_device_exactly_once()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings(devices: 50, findings: 3));
        using var client = await simulator.ClientForAsync(Tenant);

        var pages = await ODataPage.GetAllAsync(client, "/api/machines?$top=7");

        pages.Should().HaveCount(8);
        pages.SkipLast(1).Should().OnlyContain(p => p.Rows.Count == 7);
        pages[^1].Rows.Should().HaveCount(1);
        pages[^1].NextLink.Should().BeNull();
        pages[0].Context.Should().Be($"{Origin(simulator)}/api/$metadata#Machines");
        pages[0].NextLink.Should().StartWith($"{Origin(simulator)}/api/machines?").And.Contain("$skiptoken=");
        var ids = ODataPage.RowsOf(pages).Select(r => r.GetProperty("id").GetString()).ToList();
        ids.Should().HaveCount(50).And.OnlyHaveUniqueItems().And.OnlyContain(id => id!.Length == 40);
    }

    [Fact]
    public async Task Vulnerability_export_pages_return_every_finding_exactly_once_for_known_devices()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings(devices: 40, findings: 3));
        using var client = await simulator.ClientForAsync(Tenant);

        var machines = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, "/api/machines"));
        var pages = await ODataPage.GetAllAsync(client, "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=11");

        pages.Should().HaveCount(11);
        pages[0].NextLink.Should().StartWith($"{Origin(simulator)}/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=11&$skiptoken=");
        var rows = ODataPage.RowsOf(pages);
        rows.Select(r => r.GetProperty("id").GetString()).Should().HaveCount(120).And.OnlyHaveUniqueItems();
        rows.Select(r => r.GetProperty("deviceId").GetString()).Distinct()
            .Should().BeEquivalentTo(machines.Select(m => m.GetProperty("id").GetString()));
        rows.Select(r => (r.GetProperty("deviceId").GetString(), r.GetProperty("softwareVendor").GetString(),
                r.GetProperty("softwareName").GetString(), r.GetProperty("softwareVersion").GetString(), r.GetProperty("cveId").GetString()))
            .Should().OnlyHaveUniqueItems("Defender's row key is device, software and CVE");
    }

    [Fact]
    public async Task Page_size_is_capped_at_the_server_maximum_and_skip_starts_later()
    {
        var settings = Settings(devices: 30, findings: 2);
        settings["Simulator:MaxMachinesPageSize"] = "12";
        settings["Simulator:MaxVulnerabilitiesPageSize"] = "25";
        await using var simulator = await SimulatorServer.StartAsync(settings);
        using var client = await simulator.ClientForAsync(Tenant);

        var all = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, "/api/machines?$top=100"));
        var capped = await ODataPage.GetAsync(client, "/api/machines?$top=100");
        var skipped = await ODataPage.GetAsync(client, "/api/machines?$top=5&$skip=20");
        var vulnerabilities = await ODataPage.GetAsync(client, "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=1000");

        capped.Rows.Should().HaveCount(12);
        capped.NextLink.Should().NotBeNull();
        skipped.Rows.Select(r => r.GetProperty("id").GetString())
            .Should().Equal(all.Skip(20).Take(5).Select(r => r.GetProperty("id").GetString()));
        vulnerabilities.Rows.Should().HaveCount(25);
    }

    [Fact]
    public async Task Top_on_the_export_returns_one_page_without_a_next_link()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings(devices: 20, findings: 5));
        using var client = await simulator.ClientForAsync(Tenant);

        var page = await ODataPage.GetAsync(client, "/api/machines/SoftwareVulnerabilitiesByMachine?$top=30");

        page.Rows.Should().HaveCount(30);
        page.NextLink.Should().BeNull();
    }

    [Fact]
    public async Task A_next_link_of_one_tenant_is_refused_for_another()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings(devices: 20, findings: 1));
        using var first = await simulator.ClientForAsync(Tenant);
        using var second = await simulator.ClientForAsync("another-tenant");

        var page = await ODataPage.GetAsync(first, "/api/machines?$top=5");
        using var foreign = await second.GetAsync(new Uri(page.NextLink!));

        ((int)foreign.StatusCode).Should().Be(400);
    }

    [Fact]
    public async Task A_tenant_without_devices_answers_404_on_machines_and_an_empty_export()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings(devices: 0, findings: 5));
        using var client = await simulator.ClientForAsync(Tenant);

        using var machines = await client.GetAsync(new Uri("/api/machines", UriKind.Relative));
        var export = await ODataPage.GetAsync(client, "/api/machines/SoftwareVulnerabilitiesByMachine");

        ((int)machines.StatusCode).Should().Be(404, "the List machines API documents 404 when there are no machines");
        export.Rows.Should().BeEmpty();
        export.NextLink.Should().BeNull();
    }

    [Fact]
    public async Task A_single_machine_is_found_by_its_id()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings(devices: 20, findings: 1));
        using var client = await simulator.ClientForAsync(Tenant);
        var listed = (await ODataPage.GetAsync(client, "/api/machines")).Rows[13];

        var single = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri($"/api/machines/{listed.GetProperty("id").GetString()}", UriKind.Relative))).RootElement;
        using var missing = await client.GetAsync(new Uri("/api/machines/0000000000000000000000000000000000000000", UriKind.Relative));

        single.GetProperty("computerDnsName").GetString().Should().Be(listed.GetProperty("computerDnsName").GetString());
        ((int)missing.StatusCode).Should().Be(404);
    }

    internal static Dictionary<string, string?> Settings(int devices, int findings, string tenant = Tenant) => new()
    {
        [$"Simulator:Tenants:{tenant}:Devices"] = devices.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Simulator:Tenants:{tenant}:FindingsPerDevice"] = findings.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Simulator:DefaultTenant:Devices"] = "20",
        ["Simulator:DefaultTenant:FindingsPerDevice"] = "2",
    };

    internal static string Origin(SimulatorServer simulator) => simulator.BaseAddress.GetLeftPart(UriPartial.Authority);
}
