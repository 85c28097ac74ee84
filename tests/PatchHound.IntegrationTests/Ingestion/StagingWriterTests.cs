using Microsoft.EntityFrameworkCore;
using PatchHound.Infrastructure.Ingestion;
using static PatchHound.IntegrationTests.Ingestion.IngestionEnvironment;

namespace PatchHound.IntegrationTests.Ingestion;

public sealed class StagingWriterTests(IngestionEnvironment env) : IClassFixture<IngestionEnvironment>
{
    private static readonly DateTimeOffset Seen = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Replayed_batch_replaces_what_it_staged_before()
    {
        var run = Guid.NewGuid();
        await env.StageAsync(env.TenantA, run, 1, [Device("d1", Seen), Device("d2", Seen)],
            [Finding("d1", "CVE-2024-0001", Seen), Finding("d2", "CVE-2024-0002", Seen)]);
        await env.StageAsync(env.TenantA, run, 2, [Device("d3", Seen)], [Finding("d3", "CVE-2024-0003", Seen)]);

        var replay = await env.StageAsync(env.TenantA, run, 1, [Device("d1", Seen), Device("d2", Seen)],
            [Finding("d1", "CVE-2024-0001", Seen), Finding("d2", "CVE-2024-0002", Seen)]);

        replay.Should().Be(new StagingBatchResult(2, 2, 0, 0, 0));
        (await StagedAsync(run)).Should().Be((3, 3));
    }

    [Fact]
    public async Task Device_staged_by_another_batch_of_the_run_is_refused_and_nothing_of_the_batch_is_written()
    {
        var run = Guid.NewGuid();
        await env.StageAsync(env.TenantA, run, 1, [Device("dup", Seen)], []);

        var stage = () => env.StageAsync(env.TenantA, run, 2, [Device("fresh", Seen), Device("dup", Seen)],
            [Finding("fresh", "CVE-2024-0009", Seen)]);

        (await stage.Should().ThrowAsync<DuplicateSourceRecordException>())
            .WithMessage($"device dup appears twice in run {run}");
        (await StagedAsync(run)).Should().Be((1, 0), "the caller's transaction rolled back the whole batch");
    }

    [Fact]
    public async Task Device_listed_twice_in_one_batch_is_refused()
    {
        var run = Guid.NewGuid();

        var stage = () => env.StageAsync(env.TenantA, run, 1, [Device("twice", Seen), Device("twice", Seen)], []);

        (await stage.Should().ThrowAsync<DuplicateSourceRecordException>()).Which.ExternalId.Should().Be("twice");
        (await StagedAsync(run)).Should().Be((0, 0));
    }

    [Fact]
    public async Task Non_cve_ids_are_skipped_and_duplicate_findings_collapse()
    {
        var run = Guid.NewGuid();
        await env.StageAsync(env.TenantA, run, 1, [Device("d1", Seen)], [Finding("d1", "CVE-2024-0001", Seen)]);

        var result = await env.StageAsync(env.TenantA, run, 2, [Device("d2", Seen)],
        [
            Finding("d1", " cve-2024-0001 ", Seen),
            Finding("d2", "TVM-2020-0002", Seen),
            Finding("d2", "CVE-2024-0002", Seen),
            Finding("d2", "CVE-2024-0002", Seen),
        ]);

        result.Should().Be(new StagingBatchResult(DevicesStaged: 1, FindingsStaged: 1, FindingsNotCve: 1, FindingsCollapsed: 2, 0));
        (await StagedAsync(run)).Should().Be((2, 2));
    }

    [Fact]
    public async Task A_batch_of_only_findings_staged_by_earlier_batches_is_refused_as_a_repeated_page()
    {
        var run = Guid.NewGuid();
        await env.StageAsync(env.TenantA, run, 1, [Device("d1", Seen)], []);
        await env.StageAsync(env.TenantA, run, 2, [], [Finding("d1", "CVE-2024-0001", Seen), Finding("d1", "CVE-2024-0002", Seen)]);

        var stage = () => env.StageAsync(env.TenantA, run, 3, [], [Finding("d1", "CVE-2024-0002", Seen), Finding("d1", "CVE-2024-0001", Seen)]);

        (await stage.Should().ThrowAsync<RepeatedSourcePageException>()).WithMessage("batch 3 of run * repeats 2 export rows *(a cycle)");
        (await StagedAsync(run)).Should().Be((1, 2));
    }

    [Fact]
    public async Task A_batch_of_only_devices_staged_by_earlier_batches_is_refused_as_a_repeated_page()
    {
        var run = Guid.NewGuid();
        await env.StageAsync(env.TenantA, run, 1, [Device("d1", Seen), Device("d2", Seen)], []);

        var stage = () => env.StageAsync(env.TenantA, run, 2, [Device("d2", Seen), Device("d1", Seen)], []);

        (await stage.Should().ThrowAsync<RepeatedSourcePageException>()).Which.BatchNumber.Should().Be(2);
        (await StagedAsync(run)).Should().Be((2, 0));
    }

    [Fact]
    public async Task A_findings_batch_with_one_new_row_among_repeated_ones_is_staged()
    {
        var run = Guid.NewGuid();
        await env.StageAsync(env.TenantA, run, 1, [Device("d1", Seen)], [Finding("d1", "CVE-2024-0001", Seen)]);

        var result = await env.StageAsync(env.TenantA, run, 2, [], [Finding("d1", "CVE-2024-0001", Seen), Finding("d1", "CVE-2024-0003", Seen)]);

        result.Should().Be(new StagingBatchResult(DevicesStaged: 0, FindingsStaged: 1, FindingsNotCve: 0, FindingsCollapsed: 1, 0));
    }

    [Fact]
    public async Task Writing_outside_a_transaction_is_refused()
    {
        await using var db = env.Context(env.TenantA);

        var write = () => new StagingWriter(db).WriteAsync(Guid.NewGuid(), 1, [Device("d", Seen)], [], [], CancellationToken.None);

        await write.Should().ThrowAsync<InvalidOperationException>().WithMessage("*transaction*");
    }

    private async Task<(int Devices, int Findings)> StagedAsync(Guid run)
    {
        await using var db = env.Context(env.TenantA);
        return (await db.StagedDevices.CountAsync(d => d.RunId == run), await db.StagedFindings.CountAsync(f => f.RunId == run));
    }
}
