using PatchHound.Core.Ai;
using PatchHound.Infrastructure.Ai;

namespace PatchHound.IntegrationTests.Ai;

public sealed class AiRemediationSweepTests(AiDatabaseFixture fixture) : IClassFixture<AiDatabaseFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private FakeChatCompletionsServer provider = null!;

    public async Task InitializeAsync() => provider = await FakeChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await provider.DisposeAsync();

    [Fact]
    public async Task A_sweep_answers_pending_requests_oldest_first_up_to_its_limit()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requests = await fixture.AddRequestsAsync(tenant, 3);
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenant);

        var results = await scope.Processor().ProcessPendingAsync("sweeper", 2, CancellationToken.None);

        results.Should().Equal(
            new AiProcessingResult(requests[0], AiProcessingOutcome.Completed),
            new AiProcessingResult(requests[1], AiProcessingOutcome.Completed));
        (await fixture.LoadAsync(tenant, requests[2])).Status.Should().Be(AiRemediationStatus.Pending);
    }

    [Fact]
    public async Task A_sweep_stops_at_a_transient_error_and_leaves_the_rest_pending()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requests = await fixture.AddRequestsAsync(tenant, 3);
        provider.ReplyWith(ChatReplies.Error(429, "Rate limit reached for requests", "requests"));
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenant);

        var results = await scope.Processor().ProcessPendingAsync("sweeper", 10, CancellationToken.None);

        results.Should().Equal(new AiProcessingResult(requests[0], AiProcessingOutcome.Released));
        provider.Received.Should().ContainSingle();
        foreach (var id in requests)
        {
            (await fixture.LoadAsync(tenant, id)).Status.Should().Be(AiRemediationStatus.Pending);
        }
    }

    [Fact]
    public async Task A_sweep_hands_a_crashed_workers_request_to_another_worker_after_the_claim_timeout()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        var clock = new ManualTimeProvider(Start);
        await using var services = AiTestServices.Build(
            fixture.Database, provider, new Dictionary<string, string?> { ["Ai:ClaimTimeout"] = "00:05:00" }, clock);
        await using (var crashed = services.ForTenant(tenant))
        {
            (await crashed.Claims().ClaimAsync(requestId, "crashed-worker", CancellationToken.None)).Should().NotBeNull();
        }

        clock.Advance(TimeSpan.FromMinutes(4));
        await using var early = services.ForTenant(tenant);
        var tooEarly = await early.Processor().ProcessPendingAsync("sweeper", 10, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        await using var late = services.ForTenant(tenant);
        var afterTimeout = await late.Processor().ProcessPendingAsync("sweeper", 10, CancellationToken.None);

        tooEarly.Should().BeEmpty();
        afterTimeout.Should().Equal(new AiProcessingResult(requestId, AiProcessingOutcome.Completed));
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.ClaimedBy.Should().Be("sweeper");
        stored.Attempts.Should().Be(2);
        stored.Result.Should().Be(FakeChatCompletionsServer.DefaultAnswer);
    }

    [Fact]
    public async Task An_expired_claim_on_the_last_attempt_fails_the_request_instead_of_looping()
    {
        var tenant = await fixture.CreateTenantAsync();
        var requestId = await fixture.AddRequestAsync(tenant);
        var clock = new ManualTimeProvider(Start);
        await using var services = AiTestServices.Build(
            fixture.Database, provider, new Dictionary<string, string?> { ["Ai:MaxAttempts"] = "1" }, clock);
        await using var scope = services.ForTenant(tenant);
        (await scope.Claims().ClaimAsync(requestId, "crashed-worker", CancellationToken.None)).Should().NotBeNull();
        clock.Advance(TimeSpan.FromHours(1));

        var results = await scope.Processor().ProcessPendingAsync("sweeper", 10, CancellationToken.None);

        results.Should().BeEmpty();
        provider.Received.Should().BeEmpty();
        var stored = await fixture.LoadAsync(tenant, requestId);
        stored.Status.Should().Be(AiRemediationStatus.Failed);
        stored.Error.Should().Be("Gave up on attempt 1: its claim expired without an answer.");
    }

    [Fact]
    public async Task A_processor_scoped_to_one_tenant_never_claims_another_tenants_request()
    {
        var tenantA = await fixture.CreateTenantAsync();
        var tenantB = await fixture.CreateTenantAsync();
        var requestA = await fixture.AddRequestAsync(tenantA);
        var requestB = await fixture.AddRequestAsync(tenantB);
        await using var services = AiTestServices.Build(fixture.Database, provider);
        await using var scope = services.ForTenant(tenantA);

        var direct = await scope.Processor().ProcessAsync(requestB, "worker-a", CancellationToken.None);
        var swept = await scope.Processor().ProcessPendingAsync("worker-a", 100, CancellationToken.None);

        direct.Should().Be(AiProcessingOutcome.NotClaimed);
        swept.Should().Equal(new AiProcessingResult(requestA, AiProcessingOutcome.Completed));
        var stored = await fixture.LoadAsync(tenantB, requestB);
        stored.Status.Should().Be(AiRemediationStatus.Pending);
        stored.Attempts.Should().Be(0);
        stored.ClaimedBy.Should().BeNull();
    }
}
