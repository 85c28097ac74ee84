using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Ingestion;

public sealed class IngestionMergePerformanceTests(IngestionEnvironment env, ITestOutputHelper output)
    : IClassFixture<IngestionEnvironment>
{
    private const int DeviceCount = 10_000;
    private const int FindingsPerDevice = 5;
    private const int BatchSize = 1_000;

    // Not a benchmark: a rough figure printed in the test output, asserted only for correctness.
    [Fact]
    public async Task Stages_and_merges_ten_thousand_devices_and_fifty_thousand_findings()
    {
        var source = await env.NewSourceAsync(env.TenantA);
        var seen = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var run = Guid.NewGuid();
        var clock = Stopwatch.StartNew();
        for (var batch = 0; batch < DeviceCount / BatchSize; batch++)
        {
            var ids = Enumerable.Range(batch * BatchSize, BatchSize).Select(i => $"perf-{i}").ToList();
            await env.StageAsync(env.TenantA, run, batch + 1, ids.Select(id => Device(id, seen, "perf")).ToList(),
                ids.SelectMany((id, i) => Enumerable.Range(0, FindingsPerDevice)
                    .Select(k => Finding(id, $"CVE-2026-{10_000 + ((i * 7 + k * 13) % 2_000)}", seen, "High", $"product-{k}"))).ToList());
        }

        var staged = clock.Elapsed;
        var result = await env.MergeAsync(env.TenantA, run, source, seen);
        var merged = clock.Elapsed - staged;

        output.WriteLine($"staged {DeviceCount} devices / {DeviceCount * FindingsPerDevice} findings in {staged.TotalSeconds:F1} s, merged in {merged.TotalSeconds:F1} s");
        result.DevicesAdded.Should().Be(DeviceCount);
        result.FindingsNew.Should().Be(DeviceCount * FindingsPerDevice);
        await using var db = env.Context(env.TenantA);
        (await db.Findings.CountAsync(f => f.SourceId == source)).Should().Be(DeviceCount * FindingsPerDevice);
    }
}
