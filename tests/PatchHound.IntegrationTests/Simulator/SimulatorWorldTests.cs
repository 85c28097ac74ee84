using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PatchHound.Core.Sla;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Simulator;

/// <summary>The demo's world: real CVEs only, and at any "now" a spread of SLA states that moves with the clock.</summary>
public sealed partial class SimulatorWorldTests
{
    private const string Tenant = "0b4cf1d2-3e1f-4c55-9f0a-5d3c2b1a0005";
    private const string Export = "/api/machines/SoftwareVulnerabilitiesByMachine";
    private static readonly DateTimeOffset Noon = new(2031, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DueSoonWindow = TimeSpan.FromDays(3);

    [Fact]
    public async Task Every_cve_emitted_is_a_cisa_kev_entry_or_a_record_of_the_shipped_nvd_subset()
    {
        var settings = SimulatorPagingTests.Settings(400, 8, Tenant);
        await using var simulator = await SimulatorServer.StartAsync(settings);
        using var client = await simulator.ClientForAsync(Tenant);
        var kev = KevDueDates();
        var nvd = ShippedNvdIds();

        var cves = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, Export))
            .Select(r => r.GetProperty("cveId").GetString()!).ToList();

        cves.Should().HaveCount(400 * 8).And.OnlyContain(c => CvePattern().IsMatch(c) && nvd.Contains(c));
        cves.Should().Contain(c => kev.ContainsKey(c)).And.Contain(c => !kev.ContainsKey(c));
        cves.Distinct().Count().Should().BeGreaterThan(500, "findings are spread over the catalog");
    }

    [Fact]
    public async Task A_fresh_demo_world_shows_findings_within_sla_due_soon_breached_and_known_exploited()
    {
        var clock = new ShiftingTimeProvider { Offset = Noon - DateTimeOffset.UtcNow };
        await using var simulator = await SimulatorServer.StartAsync(DemoSettings(), clock);
        using var client = await simulator.ClientForAsync(Tenant);
        var kev = KevDueDates();

        var rows = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, Export));

        var states = rows.Select(r => State(r, kev, clock.GetUtcNow())).ToList();
        var count = states.Count;
        states.Count(s => s == SlaState.WithinSla).Should().BeGreaterThan(count / 2, "most findings are within their SLA");
        states.Should().Contain(SlaState.DueSoon).And.Contain(SlaState.Breached);
        states.Count(s => s == SlaState.Breached).Should().BeLessThan(states.Count(s => s == SlaState.WithinSla));
        rows.Count(r => kev.ContainsKey(r.GetProperty("cveId").GetString()!)).Should().BeInRange(1, count / 2);
        rows.Select(r => Timestamp(r, "firstSeenTimestamp")).Should()
            .OnlyContain(t => t <= Noon && t > Noon.AddDays(-301))
            .And.Contain(t => t > Noon.AddDays(-7), "some findings are days old")
            .And.Contain(t => t < Noon.AddDays(-30), "some findings are months old");
        var machines = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, "/api/machines"));
        machines.Select(m => Timestamp(m, "lastSeen")).Should().OnlyContain(t => t <= Noon && t > Noon.AddDays(-3));
    }

    [Fact]
    public async Task As_the_clock_runs_the_demo_world_moves_on_findings_resolve_and_new_ones_appear()
    {
        var clock = new ShiftingTimeProvider { Offset = Noon - DateTimeOffset.UtcNow };
        await using var simulator = await SimulatorServer.StartAsync(DemoSettings(), clock);
        using var client = await simulator.ClientForAsync(Tenant);
        var before = await TenantGenerationAsync(simulator);
        var first = Ids(ODataPage.RowsOf(await ODataPage.GetAllAsync(client, Export)));

        clock.Offset += TimeSpan.FromHours(6);
        using var laterClient = await simulator.ClientForAsync(Tenant);
        var later = ODataPage.RowsOf(await ODataPage.GetAllAsync(laterClient, Export));
        var second = Ids(later);

        (await TenantGenerationAsync(simulator)).Should().Be(before + 6);
        before.Should().Be(12, "the epoch is the start day and a generation lasts an hour");
        first.Except(second).Should().NotBeEmpty("some findings were resolved");
        var appeared = later.Where(r => !first.Contains(r.GetProperty("id").GetString()!)).ToList();
        appeared.Should().NotBeEmpty("new findings were found");
        appeared.Select(r => Timestamp(r, "firstSeenTimestamp")).Should()
            .Contain(t => t > Noon && t <= Noon.AddHours(6), "findings were found in those hours (others are reopened ones)");
        later.Select(r => Timestamp(r, "lastSeenTimestamp")).Should().OnlyContain(t => t > Noon.AddHours(5) && t <= Noon.AddHours(6));
    }

    /// <summary>The demo tenant as the simulator's appsettings.json shapes it: generations of an hour, with the clock.</summary>
    private static Dictionary<string, string?> DemoSettings()
    {
        var settings = SimulatorPagingTests.Settings(100, 5, Tenant);
        settings["Simulator:GenerationLength"] = "01:00:00";
        settings["Simulator:AdvanceWithClock"] = "true";
        settings[$"Simulator:Tenants:{Tenant}:ChurnPercent"] = "2";
        settings[$"Simulator:Tenants:{Tenant}:KevPercent"] = "10";
        return settings;
    }

    private static SlaState State(JsonElement row, Dictionary<string, DateOnly?> kev, DateTimeOffset now)
    {
        var days = row.GetProperty("vulnerabilitySeverityLevel").GetString() switch
        {
            "Critical" => SlaPolicy.DefaultCriticalDays,
            "High" => SlaPolicy.DefaultHighDays,
            "Medium" => SlaPolicy.DefaultMediumDays,
            _ => SlaPolicy.DefaultLowDays,
        };
        var cve = row.GetProperty("cveId").GetString()!;
        var isKev = kev.TryGetValue(cve, out var dueDate);
        var due = SlaCalculator.DueAt(days, Timestamp(row, "firstSeenTimestamp"), isKev, dueDate);
        return SlaCalculator.StateAt(due, now, DueSoonWindow);
    }

    private static HashSet<string> Ids(IEnumerable<JsonElement> rows) => [.. rows.Select(r => r.GetProperty("id").GetString()!)];

    private static async Task<int> TenantGenerationAsync(SimulatorServer simulator) =>
        (await simulator.Client.GetFromJsonAsync<JsonElement>($"/_sim/tenants/{Tenant}")).GetProperty("generation").GetInt32();

    /// <summary>The CISA KEV catalog the project was given (../shared), not the simulator's copy of it.</summary>
    private static Dictionary<string, DateOnly?> KevDueDates()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(
            Directory.GetParent(RepositoryRoot.Path)!.FullName, "shared", "data", "kev", "known_exploited_vulnerabilities.json")));
        return document.RootElement.GetProperty("vulnerabilities").EnumerateArray().ToDictionary(
            v => v.GetProperty("cveID").GetString()!,
            v => DateOnly.TryParse(v.GetProperty("dueDate").GetString(), CultureInfo.InvariantCulture, out var d) ? d : (DateOnly?)null);
    }

    private static HashSet<string> ShippedNvdIds()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(
            RepositoryRoot.Path, "src", "PatchHound.DefenderSimulator", "Data", "Resources", "nvd-cves.json")));
        return [.. document.RootElement.GetProperty("vulnerabilities").EnumerateArray()
            .Select(v => v.GetProperty("cve").GetProperty("id").GetString()!)];
    }

    private static DateTimeOffset Timestamp(JsonElement row, string property) =>
        DateTimeOffset.Parse(row.GetProperty(property).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [GeneratedRegex(@"^CVE-\d{4}-\d{4,7}$")]
    private static partial Regex CvePattern();
}
