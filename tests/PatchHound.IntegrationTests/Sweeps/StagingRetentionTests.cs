using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

/// <summary>The staging part of <see cref="Retention"/>: what is deleted, what is kept for a requeue, and when.</summary>
public sealed class StagingRetentionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Deletes_staging_of_cancelled_finished_and_deleted_runs_and_of_dead_lettered_runs_past_their_grace_only()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var seeded = await SeedAsync(tenant);

        RetentionResult result;
        await using (var db = tenant.Context())
        {
            result = await NewRetention(db).RunAsync(CancellationToken.None);
        }

        result.DeadLetteredRunsDiscarded.Should().Be(1);
        result.StagedRowsDeleted.Should().Be(4 * RowsPerRun, "the cancelled, expired, succeeded and orphaned runs' rows");
        (await StagedRunsAsync(tenant)).Should().BeEquivalentTo([seeded.RecentDeadLetter, seeded.Running, seeded.Failed]);
        var expired = await tenant.QueryAsync(q => q.IngestionRuns.SingleAsync(r => r.Id == seeded.ExpiredDeadLetter));
        expired.Status.Should().Be(IngestionRunStatus.DeadLettered);
        expired.Error.Should().StartWith("Staged pages discarded on 2026-03-01 12:00 UTC").And.EndWith("SourcePayloadException: truncated");
        var checkpoints = await tenant.QueryAsync(q => q.IngestionCheckpoints.ToDictionaryAsync(c => c.RunId));
        checkpoints[seeded.ExpiredDeadLetter].IsDiscarded.Should().BeTrue();
        checkpoints[seeded.ExpiredDeadLetter].Cursor.Should().BeNull();
        checkpoints[seeded.RecentDeadLetter].IsDiscarded.Should().BeFalse("a requeue within the grace period resumes it");
        checkpoints[seeded.RecentDeadLetter].BatchNumber.Should().Be(2);
    }

    [Fact]
    public async Task Running_again_discards_and_deletes_nothing_more()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await SeedAsync(tenant);
        await using (var first = tenant.Context())
        {
            await NewRetention(first).RunAsync(CancellationToken.None);
        }

        await using var second = tenant.Context();
        var again = await NewRetention(second).RunAsync(CancellationToken.None);

        again.Should().Be(new RetentionResult(0, 0, 0, DeadLetteredRunsDiscarded: 0, StagedRowsDeleted: 0));
    }

    [Fact]
    public async Task Concurrent_workers_discard_a_run_once_and_delete_each_row_once()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var seeded = await SeedAsync(tenant);

        var results = await Workers.RunConcurrentlyAsync(3, tenant.Context, db => NewRetention(db, batchSize: 2).RunAsync(CancellationToken.None));

        results.Sum(r => r.DeadLetteredRunsDiscarded).Should().Be(1);
        results.Sum(r => r.StagedRowsDeleted).Should().Be(4 * RowsPerRun);
        var expired = await tenant.QueryAsync(q => q.IngestionRuns.SingleAsync(r => r.Id == seeded.ExpiredDeadLetter));
        expired.Error.Should().StartWith("Staged pages discarded").And.Subject.Split("Staged pages discarded").Should().HaveCount(2, "noted once");
        (await StagedRunsAsync(tenant)).Should().BeEquivalentTo([seeded.RecentDeadLetter, seeded.Running, seeded.Failed]);
    }

    [Fact]
    public async Task Another_tenants_staging_is_not_touched()
    {
        var tenantA = await SweepTenant.CreateAsync(Database, Now);
        var tenantB = await SweepTenant.CreateAsync(Database, Now);
        await SeedAsync(tenantA);
        await SeedAsync(tenantB);
        var before = await StagedRunsAsync(tenantB);

        await using var db = tenantA.Context();
        await NewRetention(db).RunAsync(CancellationToken.None);

        (await StagedRunsAsync(tenantB)).Should().BeEquivalentTo(before);
        (await tenantB.QueryAsync(q => q.IngestionCheckpoints.CountAsync(c => c.Phase == IngestionCheckpoint.DiscardedPhase))).Should().Be(0);
    }

    private const int RowsPerRun = 2 * (1 + 2);

    /// <summary>
    /// Runs with two staged batches (one device and two findings each): cancelled an hour ago, succeeded with rows
    /// left over, dead-lettered eight days ago (past the default seven) and two days ago, running, failed between
    /// attempts, and rows of a run that no longer exists.
    /// </summary>
    private static async Task<Seeded> SeedAsync(SweepTenant tenant)
    {
        var source = tenant.SourceId;
        var busySource = new SourceConfiguration(tenant.TenantId, SourceKind.Simulator, $"busy {Guid.NewGuid():N}", "0 * * * *",
            "http://127.0.0.1:5090", credentialReference: null, Now.AddDays(-30));
        await tenant.AddAsync(busySource);

        var cancelled = Started(source, Now.AddHours(-2));
        cancelled.Cancel(Now.AddHours(-1));
        var succeeded = Started(source, Now.AddHours(-3));
        succeeded.Succeed(Now.AddHours(-2));
        var expired = Started(source, Now.AddDays(-8).AddHours(-1));
        expired.DeadLetter("SourcePayloadException: truncated", Now.AddDays(-8));
        var recent = Started(source, Now.AddDays(-2).AddHours(-1));
        recent.DeadLetter("SourcePayloadException: truncated", Now.AddDays(-2));
        var running = Started(busySource.Id, Now.AddMinutes(-5));
        var failed = Started(source, Now.AddMinutes(-30));
        failed.Fail("SourceUnavailableException: 503", Now.AddMinutes(-20));
        IngestionRun[] runs = [cancelled, succeeded, expired, recent, running, failed];
        await tenant.AddAsync([.. runs]);
        await tenant.AddAsync([.. runs.Select(r => Checkpoint(tenant.TenantId, r.Id))]);

        var orphan = Guid.NewGuid();
        foreach (var runId in runs.Select(r => r.Id).Append(orphan))
        {
            await StageAsync(tenant, runId, 1);
            await StageAsync(tenant, runId, 2);
        }

        return new Seeded(expired.Id, recent.Id, running.Id, failed.Id);

        IngestionRun Started(Guid sourceId, DateTimeOffset at)
        {
            var run = IngestionRun.Manual(tenant.TenantId, sourceId, at);
            run.Start(at);
            return run;
        }
    }

    private static IngestionCheckpoint Checkpoint(Guid tenantId, Guid runId)
    {
        var checkpoint = new IngestionCheckpoint(tenantId, runId, "devices", Now.AddDays(-9));
        checkpoint.Advance("findings", "https://defender.example/next", 2, 6, Now.AddDays(-9));
        return checkpoint;
    }

    private static async Task StageAsync(SweepTenant tenant, Guid runId, int batch)
    {
        await using var db = tenant.Context();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var device = $"device-{runId:N}-{batch}";
        await new StagingWriter(db).WriteAsync(runId, batch,
            [new StagedDeviceRow(device, device, "Windows10", "22H2", Now, [])],
            [
                new StagedFindingRow(device, "CVE-2024-0001", "openssl", "1.0", "vendor", "High", null, Now),
                new StagedFindingRow(device, "CVE-2024-0002", "openssl", "1.0", "vendor", "High", null, Now),
            ],
            [],
            CancellationToken.None);
        await transaction.CommitAsync();
    }

    private static async Task<List<Guid>> StagedRunsAsync(SweepTenant tenant) =>
        await tenant.QueryAsync(async q =>
        {
            var devices = await q.StagedDevices.Select(d => d.RunId).Distinct().ToListAsync();
            var findings = await q.StagedFindings.Select(f => f.RunId).Distinct().ToListAsync();
            return devices.Union(findings).ToList();
        });

    private static Retention NewRetention(PatchHoundDbContext db, int batchSize = 1000) =>
        new(db, new FixedTimeProvider(Now), Options.Create(new RetentionOptions { BatchSize = batchSize }), NullLogger<Retention>.Instance);

    private sealed record Seeded(Guid ExpiredDeadLetter, Guid RecentDeadLetter, Guid Running, Guid Failed);
}
