using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.IntegrationTests.Simulator;
using PatchHound.Jobs.Ingestion;

namespace PatchHound.Benchmarks;

/// <summary>
/// A tenant's whole data set read once from the simulator with the product's own client and page size, turned into
/// exactly the rows the staging writer copies. Gives the floor its rows and tells how long paging alone takes.
/// </summary>
internal sealed record SourceSnapshot(
    IReadOnlyList<StagedDeviceRow> Devices,
    IReadOnlyList<StagedFindingRow> Findings,
    IReadOnlyList<StagedSoftwareRow> Software,
    int Pages,
    TimeSpan ReadTime)
{
    public static async Task<SourceSnapshot> ReadAsync(SimulatorServer simulator, Guid tenantId, int pageSize, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        var token = new FixedToken(await simulator.TokenAsync(tenantId.ToString()));
        var client = new DefenderClient(http, new DefenderEndpoint(simulator.BaseAddress, pageSize), token, new DefenderOptions(),
            TimeProvider.System, NullLogger<DefenderClient>.Instance);
        var devices = new List<StagedDeviceRow>();
        var findings = new List<StagedFindingRow>();
        var software = new List<StagedSoftwareRow>();
        var text = new TextCleaning();
        var pages = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var page in client.ReadMachinesAsync(null, cancellationToken))
        {
            devices.AddRange(StagedPage.FromMachines(page).Devices.Select(row => StagedRowNormalizer.Device(row, text)));
            pages++;
        }

        await foreach (var page in client.ReadVulnerabilitiesAsync(null, cancellationToken))
        {
            var staged = StagedPage.FromVulnerabilities(page);
            findings.AddRange(staged.Findings.Select(row => StagedRowNormalizer.Finding(row, text)).OfType<StagedFindingRow>());
            software.AddRange(staged.Software.Select(row => StagedRowNormalizer.Software(row, text)));
            pages++;
        }

        return new SourceSnapshot(devices, findings, software, pages, clock.Elapsed);
    }

    private sealed class FixedToken(string token) : IDefenderTokenProvider
    {
        public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);
    }
}
