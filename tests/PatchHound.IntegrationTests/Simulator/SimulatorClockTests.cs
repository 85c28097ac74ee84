using System.Globalization;
using System.Text.Json;

namespace PatchHound.IntegrationTests.Simulator;

public sealed class SimulatorClockTests
{
    private const string Tenant = "0b4cf1d2-3e1f-4c55-9f0a-5d3c2b1a0004";
    private static readonly DateTimeOffset FixedNow = new(2031, 6, 15, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Without_an_epoch_devices_and_findings_are_seen_up_to_the_day_the_simulator_started()
    {
        var clock = new ShiftingTimeProvider { Offset = FixedNow - DateTimeOffset.UtcNow };
        await using var simulator = await SimulatorServer.StartAsync(SimulatorPagingTests.Settings(40, 3, Tenant), clock);
        using var client = await simulator.ClientForAsync(Tenant);

        var machines = (await ODataPage.GetAsync(client, "/api/machines")).Rows;
        var findings = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, "/api/machines/SoftwareVulnerabilitiesByMachine"));

        var machineLastSeen = machines.Select(m => Timestamp(m, "lastSeen")).ToList();
        machineLastSeen.Should().OnlyContain(t => t <= FixedNow && t > FixedNow.AddDays(-3));
        var firstSeen = findings.Select(f => Timestamp(f, "firstSeenTimestamp")).ToList();
        firstSeen.Should().OnlyContain(t => t <= FixedNow);
        firstSeen.Should().Contain(t => t > FixedNow.AddDays(-30), "some findings are recent")
            .And.Contain(t => t < FixedNow.AddDays(-90), "some findings are old");
    }

    [Fact]
    public async Task A_configured_epoch_replays_a_fixed_world_whatever_the_clock()
    {
        var settings = SimulatorPagingTests.Settings(10, 1, Tenant);
        settings["Simulator:Epoch"] = "2025-01-01T00:00:00Z";
        var clock = new ShiftingTimeProvider { Offset = FixedNow - DateTimeOffset.UtcNow };
        await using var simulator = await SimulatorServer.StartAsync(settings, clock);
        using var client = await simulator.ClientForAsync(Tenant);

        var machines = (await ODataPage.GetAsync(client, "/api/machines")).Rows;

        machines.Select(m => Timestamp(m, "lastSeen")).Should()
            .OnlyContain(t => t <= new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) && t > new DateTimeOffset(2024, 12, 29, 0, 0, 0, TimeSpan.Zero));
    }

    private static DateTimeOffset Timestamp(JsonElement row, string property) =>
        DateTimeOffset.Parse(row.GetProperty(property).GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
