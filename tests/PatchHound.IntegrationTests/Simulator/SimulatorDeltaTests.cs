using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PatchHound.IntegrationTests.Simulator;

/// <summary>
/// The simulator's delta export against the documentation's property table and example (Documented/README.md):
/// the same fields and formats, the required and bounded <c>sinceTime</c>, paging, and the documented RBAC-move pairs.
/// </summary>
public sealed partial class SimulatorDeltaTests
{
    private const string Tenant = "dddddddd-0000-4000-8000-0000000000de";
    private const string Changes = "/api/machines/SoftwareVulnerabilityChangesByMachine";

    // The delta's property table (section 3.5), camel-cased as the example writes them; RecommendedSecurityUpdateUrl
    // and osVersion/osArchitecture are in the example though not in the table.
    private static readonly string[] DocumentedFields =
    [
        "cveId", "cvssScore", "deviceId", "deviceName", "diskPaths", "eventTimestamp", "exploitabilityLevel", "isOnboarded",
        "firstSeenTimestamp", "id", "lastSeenTimestamp", "osPlatform", "rbacGroupName", "recommendationReference",
        "recommendedSecurityUpdate", "recommendedSecurityUpdateId", "registryPaths", "softwareName", "softwareVendor",
        "softwareVersion", "status", "vulnerabilitySeverityLevel",
    ];

    [Fact]
    public async Task A_delta_lists_the_changes_since_the_generation_of_its_since_time_in_the_documented_shape()
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings());
        using var client = await simulator.ClientForAsync(Tenant);
        var since = Since(DateTimeOffset.UtcNow);
        ODataPage.RowsOf(await ODataPage.GetAllAsync(client, $"{Changes}?sinceTime={since}"))
            .Should().BeEmpty("nothing changed since");

        await simulator.AdvanceAsync(Tenant);
        var rows = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, $"{Changes}?sinceTime={since}&pageSize=50")).ToList();

        rows.Should().NotBeEmpty();
        foreach (var row in rows)
        {
            row.EnumerateObject().Select(p => p.Name).Should().Contain(DocumentedFields);
            row.GetProperty("status").GetString().Should().BeOneOf("New", "Fixed", "Updated");
            EventTimestamp().IsMatch(row.GetProperty("eventTimestamp").GetString()!).Should().BeTrue("the example's format: 2020-11-03 10:13:34.8476880");
        }

        var statuses = rows.GroupBy(r => r.GetProperty("status").GetString()).ToDictionary(g => g.Key!, g => g.Count());
        statuses["New"].Should().Be(statuses["Fixed"], "each churned slot gives one Fixed and one New, and each RBAC move a pair");
        statuses.Should().ContainKey("Updated");
        var moves = rows.Where(r => r.GetProperty("rbacGroupName").GetString()!.EndsWith(" (previous)", StringComparison.Ordinal)).ToList();
        moves.Should().NotBeEmpty().And.OnlyContain(r => r.GetProperty("status").GetString() == "Fixed");
        foreach (var move in moves)
        {
            rows.Should().Contain(r => r.GetProperty("id").GetString() == move.GetProperty("id").GetString()
                && r.GetProperty("status").GetString() == "New"
                && r.GetProperty("rbacGroupName").GetString() + " (previous)" == move.GetProperty("rbacGroupName").GetString(),
                "a device moving between RBAC groups appears twice: Fixed under its previous group, New under its current one");
        }

        var whole = ODataPage.RowsOf(await ODataPage.GetAllAsync(client, $"{Changes}?sinceTime={since}&pageSize=100000")).ToList();
        whole.Select(Key).Should().Equal(rows.Select(Key), "paging splits the same delta");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("yesterday")]
    [InlineData("15 days ago")]
    public async Task A_missing_invalid_or_too_old_since_time_is_refused_with_400(string? sinceTime)
    {
        await using var simulator = await SimulatorServer.StartAsync(Settings());
        using var client = await simulator.ClientForAsync(Tenant);
        var query = sinceTime switch
        {
            null => Changes,
            "15 days ago" => $"{Changes}?sinceTime={Since(DateTimeOffset.UtcNow.AddDays(-15))}",
            _ => $"{Changes}?sinceTime={sinceTime}",
        };

        var response = await client.GetAsync(query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("sinceTime");
    }

    private static string Key(JsonElement row) => row.GetProperty("id").GetString() + "|" + row.GetProperty("status").GetString()
        + "|" + row.GetProperty("rbacGroupName").GetString();

    private static string Since(DateTimeOffset at) =>
        Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    private static Dictionary<string, string?> Settings()
    {
        var settings = SimulatorPagingTests.Settings(devices: 600, findings: 5, Tenant);
        settings[$"Simulator:Tenants:{Tenant}:ChurnPercent"] = "10";
        settings[$"Simulator:Tenants:{Tenant}:InstalledSoftwarePerDevice"] = "2";
        return settings;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{7}$")]
    private static partial Regex EventTimestamp();
}
