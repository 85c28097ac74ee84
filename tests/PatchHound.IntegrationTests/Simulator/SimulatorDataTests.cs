extern alias DefenderSimulator;

using System.Text.Json;
using System.Text.RegularExpressions;
using DefenderSimulator::PatchHound.DefenderSimulator.Data;

namespace PatchHound.IntegrationTests.Simulator;

public sealed partial class SimulatorDataTests
{
    private const string Tenant = "0b4cf1d2-3e1f-4c55-9f0a-5d3c2b1a0002";

    [Fact]
    public async Task Two_identical_requests_return_identical_bodies()
    {
        await using var simulator = await SimulatorServer.StartAsync(SimulatorPagingTests.Settings(30, 4, Tenant));
        using var client = await simulator.ClientForAsync(Tenant);

        foreach (var url in new[] { "/api/machines?$top=13", "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=50" })
        {
            var first = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            var second = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            second.Should().Be(first, url);
        }
    }

    [Fact]
    public async Task Another_simulator_with_the_same_settings_generates_the_same_world()
    {
        var settings = SimulatorPagingTests.Settings(25, 3, Tenant);
        await using var first = await SimulatorServer.StartAsync(settings);
        await using var second = await SimulatorServer.StartAsync(settings);
        using var firstClient = await first.ClientForAsync(Tenant);
        using var secondClient = await second.ClientForAsync(Tenant);

        var url = "/api/machines/SoftwareVulnerabilitiesByMachine";
        var firstRows = ODataPage.RowsOf(await ODataPage.GetAllAsync(firstClient, url)).Select(r => r.GetRawText());
        var secondRows = ODataPage.RowsOf(await ODataPage.GetAllAsync(secondClient, url)).Select(r => r.GetRawText());

        secondRows.Should().Equal(firstRows);
    }

    [Fact]
    public async Task Tenants_get_different_devices()
    {
        await using var simulator = await SimulatorServer.StartAsync(SimulatorPagingTests.Settings(20, 1, Tenant));
        using var first = await simulator.ClientForAsync(Tenant);
        using var second = await simulator.ClientForAsync("9e8d7c6b-0000-4000-8000-000000000003");

        var firstIds = (await ODataPage.GetAsync(first, "/api/machines")).Rows.Select(r => r.GetProperty("id").GetString());
        var secondIds = (await ODataPage.GetAsync(second, "/api/machines")).Rows.Select(r => r.GetProperty("id").GetString());

        secondIds.Should().NotIntersectWith(firstIds);
    }

    [Fact]
    public async Task Findings_carry_real_cves_of_the_shipped_catalog_with_the_severity_of_their_cvss_score()
    {
        var settings = SimulatorPagingTests.Settings(200, 5, Tenant);
        settings[$"Simulator:Tenants:{Tenant}:KevPercent"] = "30";
        await using var simulator = await SimulatorServer.StartAsync(settings);
        using var client = await simulator.ClientForAsync(Tenant);
        var kev = KevCatalog.LoadEmbedded().Entries.Select(e => e.CveId).ToHashSet();
        var catalog = NvdSnapshot.LoadEmbedded().ToDictionary(c => c.CveId);

        var rows = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, "/api/machines/SoftwareVulnerabilitiesByMachine"));

        var cves = rows.Select(r => r.GetProperty("cveId").GetString()!).ToList();
        cves.Should().OnlyContain(c => CvePattern().IsMatch(c) && catalog.ContainsKey(c));
        var kevShare = cves.Count(kev.Contains) / (double)cves.Count;
        kevShare.Should().BeInRange(0.25, 0.35);
        foreach (var row in rows)
        {
            var cve = catalog[row.GetProperty("cveId").GetString()!];
            var score = row.GetProperty("cvssScore").GetDouble();
            score.Should().Be(cve.CvssScore);
            row.GetProperty("vulnerabilitySeverityLevel").GetString().Should().Be(
                score >= 9 ? "Critical" : score >= 7 ? "High" : score >= 4 ? "Medium" : "Low", cve.CveId);
            row.GetProperty("softwareVendor").GetString().Should().Be(cve.Vendor);
        }

        rows.Select(r => r.GetProperty("vulnerabilitySeverityLevel").GetString()).Distinct()
            .Should().BeEquivalentTo(["Critical", "High", "Medium", "Low"]);
        rows.Should().OnlyContain(r => r.GetProperty("firstSeenTimestamp").GetString()!.Length == 19
            && string.CompareOrdinal(r.GetProperty("firstSeenTimestamp").GetString(), r.GetProperty("lastSeenTimestamp").GetString()) <= 0);
    }

    [Fact]
    public async Task Rows_use_defender_field_names()
    {
        await using var simulator = await SimulatorServer.StartAsync(SimulatorPagingTests.Settings(2, 1, Tenant));
        using var client = await simulator.ClientForAsync(Tenant);

        var machine = (await ODataPage.GetAsync(client, "/api/machines")).Rows[0];
        var finding = (await ODataPage.GetAsync(client, "/api/machines/SoftwareVulnerabilitiesByMachine")).Rows[0];

        machine.EnumerateObject().Select(p => p.Name).Should().Contain(["id", "computerDnsName", "firstSeen", "lastSeen", "osPlatform",
            "osVersion", "version", "osBuild", "healthStatus", "riskScore", "exposureLevel", "machineTags", "aadDeviceId", "rbacGroupName"]);
        finding.EnumerateObject().Select(p => p.Name).Should().Contain(["id", "deviceId", "deviceName", "osPlatform", "osVersion",
            "softwareVendor", "softwareName", "softwareVersion", "cveId", "vulnerabilitySeverityLevel", "recommendedSecurityUpdate",
            "recommendedSecurityUpdateId", "lastSeenTimestamp", "firstSeenTimestamp", "exploitabilityLevel", "recommendationReference"]);
        finding.GetProperty("deviceId").GetString().Should().Be(machine.GetProperty("id").GetString());
        finding.GetProperty("deviceName").GetString().Should().Be(machine.GetProperty("computerDnsName").GetString());
    }

    [Fact]
    public async Task Software_without_a_known_vulnerability_is_exported_as_the_documentation_shows_it()
    {
        var settings = SimulatorPagingTests.Settings(12, 2, Tenant);
        settings[$"Simulator:Tenants:{Tenant}:InstalledSoftwarePerDevice"] = "4";
        await using var simulator = await SimulatorServer.StartAsync(settings);
        using var client = await simulator.ClientForAsync(Tenant);
        using var documented = JsonDocument.Parse(await File.ReadAllTextAsync(
            Path.Combine(AppContext.BaseDirectory, "Defender", "Documented", "software-vulnerabilities-by-machine.json")));
        var example = documented.RootElement.GetProperty("value")[0];

        var rows = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=7"));

        rows.Should().HaveCount(12 * (2 + 4));
        var inventory = rows.Where(r => r.GetProperty("cveId").ValueKind == JsonValueKind.Null).ToList();
        inventory.Should().HaveCount(12 * 4);
        foreach (var row in inventory)
        {
            foreach (var field in example.EnumerateObject())
            {
                row.TryGetProperty(field.Name, out var value).Should().BeTrue(field.Name);
                (value.ValueKind == JsonValueKind.Null).Should().Be(field.Value.ValueKind == JsonValueKind.Null, field.Name);
            }

            row.GetProperty("id").GetString().Should().EndWith("__");
        }

        inventory.GroupBy(r => r.GetProperty("deviceId").GetString())
            .Should().HaveCount(12).And.OnlyContain(device => device.Select(r => r.GetProperty("softwareName").GetString()).Distinct().Count() == 4);
    }

    [GeneratedRegex(@"^CVE-\d{4}-\d{4,7}$")]
    private static partial Regex CvePattern();
}
