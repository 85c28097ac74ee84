using System.Net.Http.Json;
using System.Text.Json;
using PatchHound.IntegrationTests.Simulator;

namespace PatchHound.IntegrationTests.Ingestion;

/// <summary>What the simulator serves for a tenant, read straight from it: the set a correct ingestion must produce.</summary>
internal static class SimulatorTruth
{
    public static async Task<HashSet<(string Device, string Cve, string Product)>> FindingsAsync(SimulatorServer simulator, Guid tenantId)
    {
        var client = await simulator.ClientForAsync(tenantId.ToString());
        var findings = new HashSet<(string, string, string)>();
        string? next = "/api/machines/SoftwareVulnerabilitiesByMachine?pageSize=5000";
        while (next is not null)
        {
            var page = await client.GetFromJsonAsync<JsonElement>(next);
            foreach (var row in page.GetProperty("value").EnumerateArray())
            {
                findings.Add((row.GetProperty("deviceId").GetString()!, row.GetProperty("cveId").GetString()!,
                    row.GetProperty("softwareName").GetString()!));
            }

            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return findings;
    }
}
