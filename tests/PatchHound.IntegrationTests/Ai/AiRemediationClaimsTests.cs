using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PatchHound.Core.Ai;
using PatchHound.Infrastructure.Ai;
using PatchHound.Infrastructure.Persistence;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Ai;

public sealed class AiRemediationClaimsTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Parallel_workers_on_their_own_connections_claim_every_request_exactly_once()
    {
        const int requestCount = 200;
        const int workerCount = 8;
        var tenant = await fixture.CreateTenantAsync();
        var requests = await fixture.AddRequestsAsync(tenant, requestCount);
        var claimed = new ConcurrentBag<AiClaim>();
        using var go = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, workerCount).Select(i => Task.Run(async () =>
        {
            await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
            await db.Database.OpenConnectionAsync();
            var claims = Claims(db, TimeProvider.System);
            go.Wait();
            while (await claims.ClaimNextAsync($"worker-{i}", CancellationToken.None) is { } claim)
            {
                claimed.Add(claim);
            }
        })).ToList();
        go.Set();
        await Task.WhenAll(workers);

        claimed.Select(c => c.RequestId).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(requests);
        claimed.Should().OnlyContain(c => c.Attempt == 1);
        claimed.Select(c => c.Worker).Distinct().Should().HaveCountGreaterThan(1, "the workers ran side by side");

        await using var check = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var stored = await check.AiRemediationRequests.AsNoTracking().ToListAsync();
        stored.Should().HaveCount(requestCount).And.OnlyContain(r => r.Status == AiRemediationStatus.Claimed && r.Attempts == 1);
        var storedPerWorker = stored.GroupBy(r => r.ClaimedBy!).ToDictionary(g => g.Key, g => g.Count());
        var claimedPerWorker = claimed.GroupBy(c => c.Worker).ToDictionary(g => g.Key, g => g.Count());
        storedPerWorker.Should().Equal(claimedPerWorker);
    }

    [Fact]
    public async Task A_claimed_request_cannot_be_claimed_again_by_another_worker()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var claims = Claims(db, new ManualTimeProvider(Start));

        var first = await claims.ClaimAsync(requestId, "worker-1", CancellationToken.None);
        var second = await claims.ClaimAsync(requestId, "worker-2", CancellationToken.None);
        var next = await claims.ClaimNextAsync("worker-2", CancellationToken.None);

        first.Should().Be(new AiClaim(requestId, "worker-1", 1, Start, "How do I remediate this on our firewalls? (#0)", null));
        second.Should().BeNull();
        next.Should().BeNull();
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.ClaimedBy.Should().Be("worker-1");
        stored.Attempts.Should().Be(1);
    }

    [Fact]
    public async Task A_stale_claim_is_released_after_the_timeout_and_its_workers_late_writes_are_refused()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        var clock = new ManualTimeProvider(Start);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var claims = Claims(db, clock);
        var stale = (await claims.ClaimAsync(requestId, "worker-1", CancellationToken.None))!;

        clock.Advance(TimeSpan.FromMinutes(4));
        var beforeTimeout = await claims.ReleaseStaleClaimsAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var afterTimeout = await claims.ReleaseStaleClaimsAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        var current = (await claims.ClaimNextAsync("worker-2", CancellationToken.None))!;
        var lateComplete = await claims.CompleteAsync(stale, "stale answer", CancellationToken.None);
        var lateFail = await claims.FailAsync(stale, "stale error", CancellationToken.None);
        var lateRelease = await claims.ReleaseAsync(stale, CancellationToken.None);
        var currentComplete = await claims.CompleteAsync(current, "fresh answer", CancellationToken.None);

        beforeTimeout.Should().Be(new AiStaleClaims(0, 0));
        afterTimeout.Should().Be(new AiStaleClaims(1, 0));
        current.RequestId.Should().Be(requestId);
        current.Attempt.Should().Be(2);
        lateComplete.Should().BeFalse();
        lateFail.Should().BeFalse();
        lateRelease.Should().BeFalse();
        currentComplete.Should().BeTrue();
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.Status.Should().Be(AiRemediationStatus.Completed);
        stored.Result.Should().Be("fresh answer");
        stored.Error.Should().BeNull();
        stored.ClaimedBy.Should().Be("worker-2");
    }

    [Fact]
    public async Task The_same_worker_name_claiming_again_does_not_revive_its_earlier_claim()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        var clock = new ManualTimeProvider(Start);
        await using var db = fixture.Database.AppContext(TestDatabaseContexts.ForTenant(tenant));
        var claims = Claims(db, clock);
        var earlier = (await claims.ClaimAsync(requestId, "worker-1", CancellationToken.None))!;
        clock.Advance(TimeSpan.FromHours(1));
        await claims.ReleaseStaleClaimsAsync(TimeSpan.FromMinutes(5), CancellationToken.None);
        var later = (await claims.ClaimAsync(requestId, "worker-1", CancellationToken.None))!;

        var earlierComplete = await claims.CompleteAsync(earlier, "earlier answer", CancellationToken.None);

        earlierComplete.Should().BeFalse("the attempt number fences off the earlier claim");
        (await claims.CompleteAsync(later, "later answer", CancellationToken.None)).Should().BeTrue();
        (await fixture.LoadAsync(tenant, requestId)).Result.Should().Be("later answer");
    }

    [Fact]
    public async Task Claims_name_their_tenant_in_sql_even_where_row_level_security_is_bypassed()
    {
        var tenantA = await fixture.CreateTenantAsync();
        var tenantB = await fixture.CreateTenantAsync();
        var requestB = await fixture.AddRequestAsync(tenantB);
        await using var owner = fixture.Database.OwnerContext(TestDatabaseContexts.ForTenant(tenantA));
        var claims = Claims(owner, new ManualTimeProvider(Start));

        var direct = await claims.ClaimAsync(requestB, "worker-a", CancellationToken.None);
        var next = await claims.ClaimNextAsync("worker-a", CancellationToken.None);

        direct.Should().BeNull();
        next.Should().BeNull();
        (await fixture.LoadAsync(tenantB, requestB)).Status.Should().Be(AiRemediationStatus.Pending);
    }

    private static AiRemediationClaims Claims(PatchHoundDbContext db, TimeProvider time) =>
        new(db, Options.Create(new AiOptions()), time);
}
