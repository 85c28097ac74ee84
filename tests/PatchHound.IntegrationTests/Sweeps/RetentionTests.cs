using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Core.Audit;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Notifications;
using PatchHound.Core.Scanning;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

public sealed class RetentionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    [Fact]
    public async Task Deletes_only_old_read_notifications_finished_runs_with_their_checkpoints_and_finished_scan_requests()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var kept = await SeedAsync(tenant, oldRows: 1);

        await using var db = tenant.Context();
        var result = await NewRetention(db, batchSize: 1).RunAsync(CancellationToken.None);

        // One old manual run plus the older of the two old scheduled runs; the latest scheduled run stays.
        result.Should().Be(new RetentionResult(NotificationsDeleted: 1, IngestionRunsDeleted: 2, ScanRequestsDeleted: 2));
        (await tenant.QueryAsync(q => q.Notifications.Select(n => n.Id).ToListAsync())).Should().BeEquivalentTo(kept.Notifications);
        (await tenant.QueryAsync(q => q.IngestionRuns.Select(r => r.Id).ToListAsync())).Should().BeEquivalentTo(kept.Runs);
        (await tenant.QueryAsync(q => q.IngestionCheckpoints.Select(c => c.RunId).ToListAsync())).Should().BeEquivalentTo(kept.Runs);
        (await tenant.QueryAsync(q => q.ScanRequests.Select(r => r.Id).ToListAsync())).Should().BeEquivalentTo(kept.ScanRequests);
        (await tenant.QueryAsync(q => q.AuditLogEntries.CountAsync())).Should().Be(1, "the audit log is never purged");
    }

    [Fact]
    public async Task Running_again_deletes_nothing_more()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await SeedAsync(tenant, oldRows: 3);
        await using (var first = tenant.Context())
        {
            (await NewRetention(first).RunAsync(CancellationToken.None)).Should().Be(new RetentionResult(3, 4, 6));
        }

        await using var second = tenant.Context();
        (await NewRetention(second).RunAsync(CancellationToken.None)).Should().Be(new RetentionResult(0, 0, 0));
    }

    [Fact]
    public async Task Concurrent_workers_delete_each_row_once_between_them()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var kept = await SeedAsync(tenant, oldRows: 20);

        var results = await Workers.RunConcurrentlyAsync(4, tenant.Context, db => NewRetention(db, batchSize: 3).RunAsync(CancellationToken.None));

        results.Sum(r => r.NotificationsDeleted).Should().Be(20);
        results.Sum(r => r.IngestionRunsDeleted).Should().Be(21);
        results.Sum(r => r.ScanRequestsDeleted).Should().Be(40);
        (await tenant.QueryAsync(q => q.Notifications.Select(n => n.Id).ToListAsync())).Should().BeEquivalentTo(kept.Notifications);
        (await tenant.QueryAsync(q => q.IngestionRuns.Select(r => r.Id).ToListAsync())).Should().BeEquivalentTo(kept.Runs);
        (await tenant.QueryAsync(q => q.ScanRequests.Select(r => r.Id).ToListAsync())).Should().BeEquivalentTo(kept.ScanRequests);
    }

    [Fact]
    public async Task Another_tenants_rows_are_not_deleted()
    {
        var tenantA = await SweepTenant.CreateAsync(Database, Now);
        var tenantB = await SweepTenant.CreateAsync(Database, Now);
        await SeedAsync(tenantA, oldRows: 2);
        await SeedAsync(tenantB, oldRows: 2);

        await using var db = tenantA.Context();
        (await NewRetention(db).RunAsync(CancellationToken.None)).Should().Be(new RetentionResult(2, 3, 4));

        (await tenantB.QueryAsync(q => q.Notifications.CountAsync())).Should().Be(2 + 2);
        (await tenantB.QueryAsync(q => q.IngestionRuns.CountAsync())).Should().Be(2 + 1 + 3);
        (await tenantB.QueryAsync(q => q.IngestionCheckpoints.CountAsync())).Should().Be(2 + 1 + 3);
        (await tenantB.QueryAsync(q => q.ScanRequests.CountAsync())).Should().Be(2 * 2 + 2);
    }

    /// <summary>
    /// Per old row: an old read notification, an old finished manual run with a checkpoint, an old completed and
    /// an old failed scan request. Plus rows that must stay, returned: unread and recent notifications, the source's
    /// latest scheduled run (old, but the dispatcher reads its slot) next to an older scheduled one that goes, a
    /// recent and an active run, and recent or unfinished scan requests.
    /// </summary>
    private static async Task<Kept> SeedAsync(SweepTenant tenant, int oldRows)
    {
        var old = Now.AddDays(-100);
        var notifications = Enumerable.Range(0, oldRows).Select(i => Read(NewNotification(tenant, $"old-read-{i}", old))).ToList();
        var keptNotifications = new[] { NewNotification(tenant, "old-unread", old), Read(NewNotification(tenant, "recent-read", Now.AddDays(-10))) };

        var runs = Enumerable.Range(0, oldRows).Select(_ => Finished(IngestionRun.Manual(tenant.TenantId, tenant.SourceId, old))).ToList();
        runs.Add(Finished(IngestionRun.Scheduled(tenant.TenantId, tenant.SourceId, old, old)));
        var keptRuns = new[]
        {
            Finished(IngestionRun.Scheduled(tenant.TenantId, tenant.SourceId, old.AddDays(1), old.AddDays(1))),
            Finished(IngestionRun.Manual(tenant.TenantId, tenant.SourceId, Now.AddDays(-1))),
            IngestionRun.Manual(tenant.TenantId, tenant.SourceId, old),
        };
        var checkpoints = runs.Concat(keptRuns).Select(r => new IngestionCheckpoint(tenant.TenantId, r.Id, "devices", r.QueuedAt)).ToList();

        var profile = new ScanProfile(tenant.TenantId, "retention", "0 * * * *", [tenant.DeviceIds[0]]);
        var slot = old;
        ScanRequest Request(DateTimeOffset createdAt) => profile.ScheduleFor(slot = slot.AddHours(1), createdAt);
        var scanRequests = new List<ScanRequest>();
        for (var i = 0; i < oldRows; i++)
        {
            var completed = Request(old);
            completed.Start();
            completed.Complete();
            var failed = Request(old);
            failed.Fail();
            scanRequests.AddRange([completed, failed]);
        }

        var recentCompleted = Request(Now.AddDays(-5));
        recentCompleted.Start();
        recentCompleted.Complete();
        var keptScanRequests = new[] { Request(old), recentCompleted };

        await tenant.AddAsync([profile, .. notifications, .. keptNotifications, .. runs, .. keptRuns, .. scanRequests, .. keptScanRequests]);
        await tenant.AddAsync([
            .. checkpoints,
            new AuditLogEntry(tenant.TenantId, "alice", "finding.resolved", "Finding", "f-1", null, "{}", Now.AddDays(-1000), null),
        ]);
        return new Kept([.. keptNotifications.Select(n => n.Id)], [.. keptRuns.Select(r => r.Id)], [.. keptScanRequests.Select(r => r.Id)]);
    }

    private static Notification NewNotification(SweepTenant tenant, string key, DateTimeOffset createdAt) =>
        new(tenant.TenantId, tenant.UserId, NotificationKind.IngestionCompleted, key, "{}", createdAt);

    private static Notification Read(Notification notification)
    {
        notification.MarkRead(notification.CreatedAt.AddHours(1));
        return notification;
    }

    private static IngestionRun Finished(IngestionRun run)
    {
        run.Start(run.QueuedAt);
        run.Succeed(run.QueuedAt.AddMinutes(5));
        return run;
    }

    private static Retention NewRetention(PatchHoundDbContext db, int batchSize = 1000) =>
        new(db, new FixedTimeProvider(Now), Options.Create(new RetentionOptions { BatchSize = batchSize }), NullLogger<Retention>.Instance);

    private sealed record Kept(Guid[] Notifications, Guid[] Runs, Guid[] ScanRequests);
}
