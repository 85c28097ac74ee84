using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

public sealed class IngestionDispatchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 30, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    private static DateTimeOffset At(int hour, int minute = 0) => new(2026, 3, 1, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task Creates_a_queued_scheduled_run_for_the_latest_due_slot_of_each_enabled_source()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var fresh = NewSource(tenant, "fresh");
        var behind = NewSource(tenant, "behind");
        var behindLastRun = FinishedRun(tenant, behind, At(7));
        var upToDate = NewSource(tenant, "up to date");
        var upToDateLastRun = FinishedRun(tenant, upToDate, At(10));
        var disabled = NewSource(tenant, "disabled");
        disabled.Disable(Now);
        await tenant.AddAsync(fresh, behind, upToDate, disabled);
        await tenant.AddAsync(behindLastRun, upToDateLastRun);

        await using var db = tenant.Context();
        var created = await NewDispatch(db).RunAsync(CancellationToken.None);

        created.Select(r => (r.SourceId, r.ScheduledSlot)).Should().BeEquivalentTo(new[] { (fresh.Id, (DateTimeOffset?)At(10)), (behind.Id, At(10)) });
        var queued = await tenant.QueryAsync(q => q.IngestionRuns.Where(r => r.Status == IngestionRunStatus.Queued).ToListAsync());
        queued.Select(r => r.Id).Should().BeEquivalentTo(created.Select(r => r.Id));
        queued.Should().OnlyContain(r => r.Trigger == IngestionTrigger.Scheduled && r.QueuedAt == Now);
    }

    [Fact]
    public async Task A_source_with_an_active_run_is_skipped_until_that_run_finishes()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var source = NewSource(tenant, "busy");
        var manual = IngestionRun.Manual(tenant.TenantId, source.Id, At(10, 20));
        await tenant.AddAsync(source);
        await tenant.AddAsync(manual);

        await using (var db = tenant.Context())
        {
            (await NewDispatch(db).RunAsync(CancellationToken.None)).Should().BeEmpty();
        }

        await using (var db = tenant.Context())
        {
            var run = await db.IngestionRuns.SingleAsync();
            run.Start(At(10, 21));
            run.Succeed(At(10, 25));
            await db.SaveChangesAsync();
        }

        await using var after = tenant.Context();
        (await NewDispatch(after).RunAsync(CancellationToken.None)).Should().ContainSingle().Which.ScheduledSlot.Should().Be(At(10));
    }

    [Fact]
    public async Task Records_each_sources_next_slot_but_not_while_its_due_slot_waits_for_an_active_run()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var dispatched = NewSource(tenant, "dispatched");
        var upToDate = NewSource(tenant, "up to date");
        var busy = NewSource(tenant, "busy");
        await tenant.AddAsync(dispatched, upToDate, busy);
        await tenant.AddAsync(FinishedRun(tenant, upToDate, At(10)), IngestionRun.Manual(tenant.TenantId, busy.Id, At(10, 20)));

        await using (var db = tenant.Context())
        {
            await NewDispatch(db).RunAsync(CancellationToken.None);
        }

        var next = await tenant.QueryAsync(q => q.SourceConfigurations
            .Where(s => s.Id != tenant.SourceId).ToDictionaryAsync(s => s.Id, s => s.NextSlotAt));
        next.Should().Equal(new Dictionary<Guid, DateTimeOffset?> { [dispatched.Id] = At(11), [upToDate.Id] = At(11), [busy.Id] = null });
    }

    [Fact]
    public async Task Running_again_creates_nothing_more()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await tenant.AddAsync(NewSource(tenant, "a"), NewSource(tenant, "b"));
        await using (var first = tenant.Context())
        {
            (await NewDispatch(first).RunAsync(CancellationToken.None)).Should().HaveCount(2);
        }

        await using var second = tenant.Context();
        (await NewDispatch(second).RunAsync(CancellationToken.None)).Should().BeEmpty();
        (await tenant.QueryAsync(q => q.IngestionRuns.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_workers_create_and_return_each_run_exactly_once()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var sources = Enumerable.Range(0, 8).Select(i => NewSource(tenant, $"source {i}")).ToList();
        await tenant.AddAsync([.. sources]);

        var results = await Workers.RunConcurrentlyAsync(4, tenant.Context, db => NewDispatch(db).RunAsync(CancellationToken.None));

        var returned = results.SelectMany(r => r).ToList();
        returned.Should().HaveCount(8);
        returned.Select(r => r.SourceId).Should().BeEquivalentTo(sources.Select(s => s.Id));
        var stored = await tenant.QueryAsync(q => q.IngestionRuns.Select(r => r.Id).ToListAsync());
        stored.Should().BeEquivalentTo(returned.Select(r => r.Id));
    }

    [Fact]
    public async Task Another_tenants_sources_are_not_dispatched()
    {
        var tenantA = await SweepTenant.CreateAsync(Database, Now);
        var tenantB = await SweepTenant.CreateAsync(Database, Now);
        await tenantA.AddAsync(NewSource(tenantA, "a"));
        await tenantB.AddAsync(NewSource(tenantB, "b"));

        await using var db = tenantA.Context();
        (await NewDispatch(db).RunAsync(CancellationToken.None)).Should().ContainSingle().Which.TenantId.Should().Be(tenantA.TenantId);

        (await tenantB.QueryAsync(q => q.IngestionRuns.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Stranded_runs_are_this_tenants_runs_still_queued_longer_than_the_threshold()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var other = await SweepTenant.CreateAsync(Database, Now);
        var sources = Enumerable.Range(0, 3).Select(i => NewSource(tenant, $"source {i}")).ToList();
        await tenant.AddAsync([.. sources]);
        var stranded = IngestionRun.Manual(tenant.TenantId, sources[0].Id, Now.AddMinutes(-5));
        var recent = IngestionRun.Manual(tenant.TenantId, sources[1].Id, Now.AddMinutes(-1));
        var started = IngestionRun.Manual(tenant.TenantId, sources[2].Id, Now.AddMinutes(-10));
        started.Start(Now.AddMinutes(-9));
        var finished = FinishedRun(tenant, sources[0], At(7));
        await tenant.AddAsync(stranded, recent, started, finished);
        await other.AddAsync(IngestionRun.Manual(other.TenantId, other.SourceId, Now.AddMinutes(-5)));

        await using var db = tenant.Context();
        var found = await NewDispatch(db).StrandedAsync(TimeSpan.FromMinutes(2), CancellationToken.None);

        found.Select(r => r.Id).Should().Equal(stranded.Id);
    }

    private static SourceConfiguration NewSource(SweepTenant tenant, string name) =>
        new(tenant.TenantId, SourceKind.Simulator, name, "0 * * * *", "http://127.0.0.1:5090", credentialReference: null, Now.AddDays(-1));

    private static IngestionRun FinishedRun(SweepTenant tenant, SourceConfiguration source, DateTimeOffset slot)
    {
        var run = IngestionRun.Scheduled(tenant.TenantId, source.Id, slot, slot);
        run.Start(slot);
        run.Succeed(slot.AddMinutes(5));
        return run;
    }

    private static IngestionDispatch NewDispatch(PatchHoundDbContext db) =>
        new(db, new FixedTimeProvider(Now), NullLogger<IngestionDispatch>.Instance);
}
