using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using PatchHound.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace PatchHound.IntegrationTests.Simulator;

public sealed class SimulatorScaleTests(ITestOutputHelper output)
{
    private const string Tenant = "eeeeeeee-0000-4000-8000-00000000000e";

    /// <summary>
    /// The simulator as its own process (its real host), so its working set is measured alone. Generation is on the
    /// fly and pages stream, so serving 100k devices and 500k findings must not grow with the tenant.
    /// </summary>
    [Fact]
    public async Task A_100k_device_tenant_streams_every_row_with_flat_memory()
    {
        await using var simulator = await HostProcess.StartAsync("defender-simulator", "PatchHound.DefenderSimulator.dll", new Dictionary<string, string?>
        {
            [$"Simulator__Tenants__{Tenant}__Devices"] = "100000",
            [$"Simulator__Tenants__{Tenant}__FindingsPerDevice"] = "5",
            ["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Warning",
        });
        var origin = $"http://127.0.0.1:{simulator.Port}";
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(client, origin));
        using var process = Process.GetProcessById(simulator.ProcessId);
        var samples = new List<long>();

        var deviceIds = new HashSet<string>(StringComparer.Ordinal);
        var machineRows = await WalkAsync(client, $"{origin}/api/machines", row => deviceIds.Add(row.GetProperty("id").GetString()!), process, samples);
        var findingRows = await WalkAsync(client, $"{origin}/api/machines/SoftwareVulnerabilitiesByMachine", _ => { }, process, samples);

        machineRows.Should().Be(100_000);
        deviceIds.Should().HaveCount(100_000);
        findingRows.Should().Be(500_000);
        var peak = samples.Max();
        output.WriteLine($"simulator working set per page (MB): {string.Join(", ", samples.Select(s => s / (1024 * 1024)))}; peak {peak / (1024 * 1024)} MB");
        peak.Should().BeLessThan(300L * 1024 * 1024, "rows are generated and streamed, never held");
        (peak - samples.Min()).Should().BeLessThan(64L * 1024 * 1024, "50,000-row pages cost no more than 10,000-row ones");
    }

    private static async Task<long> WalkAsync(HttpClient client, string url, Action<JsonElement> onRow, Process process, List<long> samples)
    {
        long rows = 0;
        for (string? next = url; next is not null;)
        {
            using var response = await client.GetAsync(new Uri(next), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var page = await StreamingPageScanner.ScanAsync(body, onRow);
            rows += page.Rows;
            next = page.NextLink;
            process.Refresh();
            samples.Add(process.WorkingSet64);
        }

        return rows;
    }

    private static async Task<string> TokenAsync(HttpClient client, string origin)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "benchmark",
            ["client_secret"] = SimulatorServer.Secret,
            ["scope"] = SimulatorServer.Scope,
        });
        using var response = await client.PostAsync(new Uri($"{origin}/{Tenant}/oauth2/v2.0/token"), form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
