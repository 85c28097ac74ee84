using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Core.Scanning;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Sweeps;

public sealed class ScanSchedulerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 30, 0, TimeSpan.Zero);

    private TestDatabase Database => fixture.Database;

    private static DateTimeOffset At(int hour) => new(2026, 3, 1, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Requests_the_due_slot_of_each_enabled_profile_and_advances_its_last_slot()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var fresh = NewProfile(tenant, "fresh");
        var behind = NewProfile(tenant, "behind");
        var earlier = behind.ScheduleFor(At(8), At(8));
        var upToDate = NewProfile(tenant, "up to date");
        var current = upToDate.ScheduleFor(At(10), At(10));
        var disabled = NewProfile(tenant, "disabled");
        disabled.Disable();
        await tenant.AddAsync(fresh, behind, upToDate, disabled, earlier, current);

        await using var db = tenant.Context();
        var result = await NewScheduler(db, catchUpSlots: 5).RunAsync(CancellationToken.None);

        result.Should().Be(new ScanSchedulerResult(RequestsCreated: 3, ProfilesWithSkippedSlots: 0));
        var requests = await tenant.QueryAsync(q => q.ScanRequests.Select(r => new { r.ScanProfileId, r.ScheduledSlot, r.Status }).ToListAsync());
        requests.Should().BeEquivalentTo(new[]
        {
            new { ScanProfileId = fresh.Id, ScheduledSlot = At(10), Status = ScanRequestStatus.Requested },
            new { ScanProfileId = behind.Id, ScheduledSlot = At(8), Status = ScanRequestStatus.Requested },
            new { ScanProfileId = behind.Id, ScheduledSlot = At(9), Status = ScanRequestStatus.Requested },
            new { ScanProfileId = behind.Id, ScheduledSlot = At(10), Status = ScanRequestStatus.Requested },
            new { ScanProfileId = upToDate.Id, ScheduledSlot = At(10), Status = ScanRequestStatus.Requested },
        });
        var lastSlots = await tenant.QueryAsync(q => q.ScanProfiles.ToDictionaryAsync(p => p.Id, p => p.LastScheduledSlot));
        lastSlots.Should().Equal(new Dictionary<Guid, DateTimeOffset?>
        {
            [fresh.Id] = At(10),
            [behind.Id] = At(10),
            [upToDate.Id] = At(10),
            [disabled.Id] = null,
        });
    }

    [Fact]
    public async Task After_downtime_only_the_latest_missed_slot_is_requested()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var profile = NewProfile(tenant, "every minute", "* * * * *");
        var lastBeforeOutage = profile.ScheduleFor(Now.AddDays(-30), Now.AddDays(-30));
        await tenant.AddAsync(profile, lastBeforeOutage);

        await using var db = tenant.Context();
        var result = await NewScheduler(db).RunAsync(CancellationToken.None);

        result.Should().Be(new ScanSchedulerResult(RequestsCreated: 1, ProfilesWithSkippedSlots: 1));
        (await tenant.QueryAsync(q => q.ScanRequests.MaxAsync(r => r.ScheduledSlot))).Should().Be(Now);
        (await tenant.QueryAsync(q => q.ScanRequests.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task Running_again_requests_nothing_more()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        await tenant.AddAsync(NewProfile(tenant, "a"), NewProfile(tenant, "b"));
        await using (var first = tenant.Context())
        {
            (await NewScheduler(first).RunAsync(CancellationToken.None)).RequestsCreated.Should().Be(2);
        }

        await using var second = tenant.Context();
        (await NewScheduler(second).RunAsync(CancellationToken.None)).RequestsCreated.Should().Be(0);
        (await tenant.QueryAsync(q => q.ScanRequests.CountAsync())).Should().Be(2);
    }

    [Fact]
    public async Task Concurrent_workers_request_each_slot_exactly_once()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var profiles = Enumerable.Range(0, 10).Select(i => NewProfile(tenant, $"profile {i}")).ToList();
        var earlier = profiles.Select(p => p.ScheduleFor(At(7), At(7))).ToList();
        await tenant.AddAsync([.. profiles, .. earlier]);

        var results = await Workers.RunConcurrentlyAsync(4, tenant.Context, db => NewScheduler(db, catchUpSlots: 3).RunAsync(CancellationToken.None));

        results.Sum(r => r.RequestsCreated).Should().Be(10 * 3);
        var slots = await tenant.QueryAsync(q => q.ScanRequests.Where(r => r.ScheduledSlot > At(7)).Select(r => new { r.ScanProfileId, r.ScheduledSlot }).ToListAsync());
        slots.Should().HaveCount(30).And.OnlyHaveUniqueItems();
        (await tenant.QueryAsync(q => q.ScanProfiles.CountAsync(p => p.LastScheduledSlot == At(10)))).Should().Be(10);
    }

    [Fact]
    public async Task Records_each_profiles_next_slot_and_a_new_schedule_clears_it()
    {
        var tenant = await SweepTenant.CreateAsync(Database, Now);
        var hourly = NewProfile(tenant, "hourly");
        var daily = NewProfile(tenant, "daily", "0 6 * * *");
        await tenant.AddAsync(hourly, daily);

        await using (var db = tenant.Context())
        {
            await NewScheduler(db).RunAsync(CancellationToken.None);
        }

        var next = await tenant.QueryAsync(q => q.ScanProfiles.ToDictionaryAsync(p => p.Id, p => p.NextSlotAt));
        next.Should().Equal(new Dictionary<Guid, DateTimeOffset?> { [hourly.Id] = At(11), [daily.Id] = At(6).AddDays(1) });

        await using (var db = tenant.Context())
        {
            (await db.ScanProfiles.SingleAsync(p => p.Id == daily.Id)).Reschedule("*/5 * * * *");
            await db.SaveChangesAsync();
        }

        (await tenant.QueryAsync(q => q.ScanProfiles.SingleAsync(p => p.Id == daily.Id))).NextSlotAt.Should().BeNull("due at once under the new schedule");
    }

    [Fact]
    public async Task Another_tenants_profiles_are_not_scheduled()
    {
        var tenantA = await SweepTenant.CreateAsync(Database, Now);
        var tenantB = await SweepTenant.CreateAsync(Database, Now);
        await tenantA.AddAsync(NewProfile(tenantA, "a"));
        await tenantB.AddAsync(NewProfile(tenantB, "b"));

        await using var db = tenantA.Context();
        (await NewScheduler(db).RunAsync(CancellationToken.None)).RequestsCreated.Should().Be(1);

        (await tenantB.QueryAsync(q => q.ScanRequests.CountAsync())).Should().Be(0);
        (await tenantB.QueryAsync(q => q.ScanProfiles.SingleAsync())).LastScheduledSlot.Should().BeNull();
    }

    private static ScanProfile NewProfile(SweepTenant tenant, string name, string cron = "0 * * * *") =>
        new(tenant.TenantId, name, cron, [tenant.DeviceIds[0]]);

    private static ScanScheduler NewScheduler(PatchHoundDbContext db, int catchUpSlots = 1) =>
        new(db, new FixedTimeProvider(Now), Options.Create(new SweepOptions { ScanCatchUpSlots = catchUpSlots }), NullLogger<ScanScheduler>.Instance);
}
