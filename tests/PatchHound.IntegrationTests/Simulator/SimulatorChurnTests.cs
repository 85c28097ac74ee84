namespace PatchHound.IntegrationTests.Simulator;

public sealed class SimulatorChurnTests
{
    private const string Tenant = "dddddddd-0000-4000-8000-00000000000d";
    private const string Export = "/api/machines/SoftwareVulnerabilitiesByMachine";

    [Fact]
    public async Task Advancing_a_generation_resolves_and_adds_about_churn_percent_of_findings_deterministically()
    {
        var settings = Settings(churnPercent: 10, reopenPercent: 0);
        await using var simulator = await SimulatorServer.StartAsync(settings);
        await using var twin = await SimulatorServer.StartAsync(settings);
        using var client = await simulator.ClientForAsync(Tenant);
        using var twinClient = await twin.ClientForAsync(Tenant);

        var before = await FindingIdsAsync(client);
        var advanced = await simulator.AdvanceAsync(Tenant);
        await twin.AdvanceAsync(Tenant);
        var after = await FindingIdsAsync(client);

        advanced.GetProperty("generation").GetInt32().Should().Be(1);
        var resolved = before.Except(after).Count();
        var added = after.Except(before).Count();
        after.Should().HaveCount(5000);
        resolved.Should().BeInRange(400, 600, "about 10% of 5,000 findings churn");
        added.Should().Be(resolved);
        (await FindingIdsAsync(client)).Should().BeEquivalentTo(after, "a generation is stable");
        (await FindingIdsAsync(twinClient)).Should().BeEquivalentTo(after, "churn is deterministic");
    }

    [Fact]
    public async Task Findings_resolved_earlier_reappear_in_later_generations()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings(churnPercent: 20, reopenPercent: 50));
        using var client = await simulator.ClientForAsync(Tenant);

        var generations = new List<HashSet<string>> { await FindingIdsAsync(client) };
        for (var i = 0; i < 4; i++)
        {
            await simulator.AdvanceAsync(Tenant);
            generations.Add(await FindingIdsAsync(client));
        }

        var reopened = generations[4].Where(id => generations[0].Contains(id) && generations.Skip(1).Take(3).Any(g => !g.Contains(id)));
        reopened.Should().NotBeEmpty();
    }

    [Fact]
    public async Task A_run_keeps_its_generation_when_the_tenant_advances_mid_run()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings(churnPercent: 50, reopenPercent: 0));
        using var client = await simulator.ClientForAsync(Tenant);
        var complete = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, $"{Export}?pageSize=1000")).Select(r => r.GetProperty("id").GetString()).ToList();

        var first = await ODataPage.GetAsync(client, $"{Export}?pageSize=1000");
        await simulator.AdvanceAsync(Tenant);
        var rest = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, first.NextLink!));

        first.Rows.Concat(rest).Select(r => r.GetProperty("id").GetString()).Should().Equal(complete);
    }

    private static async Task<HashSet<string>> FindingIdsAsync(HttpClient client) =>
        [.. ODataPage.RowsOf(await ODataPage.GetAllAsync(client, $"{Export}?pageSize=2500")).Select(r => r.GetProperty("id").GetString()!)];

    private static Dictionary<string, string?> Settings(int churnPercent, int reopenPercent)
    {
        var settings = SimulatorPagingTests.Settings(devices: 1000, findings: 5, Tenant);
        settings[$"Simulator:Tenants:{Tenant}:ChurnPercent"] = churnPercent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[$"Simulator:Tenants:{Tenant}:ReopenPercent"] = reopenPercent.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }
}
