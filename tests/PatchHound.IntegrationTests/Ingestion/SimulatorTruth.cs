using System.Net.Http.Json;
using System.Text.Json;
using PatchHound.IntegrationTests.Simulator;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>What the simulator serves for a tenant, read straight from it: the set a correct ingestion must produce.</summary>
internal static class SimulatorTruth
{
    public static async Task<HashSet<(string Device, string Cve, string Product)>> FindingsAsync(SimulatorServer simulator, Guid tenantId) =>
        (await ExportAsync(simulator, tenantId)).Findings;

    /// <summary>
    /// The whole export: findings are the rows with a CVE id, installed software every row's (device, vendor, name,
    /// version), and <see cref="ExportTruth.Rows"/> how many rows it has.
    /// </summary>
    public static async Task<ExportTruth> ExportAsync(SimulatorServer simulator, Guid tenantId)
    {
        var client = await simulator.ClientForAsync(tenantId.ToString());
        var truth = new ExportTruth([], []);
        string? next = "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=5000";
        while (next is not null)
        {
            var page = await client.GetFromJsonAsync<JsonElement>(next);
            foreach (var row in page.GetProperty("value").EnumerateArray())
            {
                var device = row.GetProperty("deviceId").GetString()!;
                var name = row.GetProperty("softwareName").GetString()!;
                truth.Rows++;
                truth.Software.Add((device, row.GetProperty("softwareVendor").GetString()!, name, row.GetProperty("softwareVersion").GetString()!));
                if (row.GetProperty("cveId").GetString() is { } cve)
                {
                    truth.Findings.Add((device, cve, name));
                }
            }

            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return truth;
    }

    public sealed record ExportTruth(
        HashSet<(string Device, string Cve, string Product)> Findings,
        HashSet<(string Device, string Vendor, string Name, string Version)> Software)
    {
        public int Rows { get; set; }
    }
}
