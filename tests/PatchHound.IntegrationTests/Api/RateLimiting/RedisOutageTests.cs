using System.Diagnostics;
using System.Net;
using PatchHound.Infrastructure.RateLimiting;
using PatchHound.IntegrationTests.Harness;
using Serilog.Events;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>Two API instances whose Redis goes away: they keep serving, say so, and go back to Redis when it returns.</summary>
public sealed class RedisOutageTests(ScaleOutFixture fixture) : IClassFixture<ScaleOutFixture>
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Both_instances_keep_serving_with_per_replica_limits_while_Redis_is_down_and_share_limits_again_when_it_returns()
    {
        var path = ScaleOutFixture.TenantEndpoint(fixture.TenantA);
        var probe = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantA));
        using var probeOnA = fixture.InstanceA.Client(probe);
        using var probeOnB = fixture.InstanceB.Client(probe);
        await DecidedThroughRedisAsync(fixture.InstanceA, probeOnA, path);
        await DecidedThroughRedisAsync(fixture.InstanceB, probeOnB, path);

        // A caller with no requests yet, so the per-replica windows start empty when Redis goes away.
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantA));
        using var onA = fixture.InstanceA.Client(cookie);
        using var onB = fixture.InstanceB.Client(cookie);
        var warningsBefore = OutageWarnings(fixture.InstanceA) + OutageWarnings(fixture.InstanceB);
        var fallbacksBeforeA = fixture.InstanceA.Metrics.Fallbacks(RateLimitFallback.RedisUnavailable);
        var fallbacksBeforeB = fixture.InstanceB.Metrics.Fallbacks(RateLimitFallback.RedisUnavailable);

        List<HttpStatusCode> onADuringOutage = [];
        List<HttpStatusCode> onBDuringOutage = [];
        var slowest = TimeSpan.Zero;
        fixture.Redis.Stop();
        try
        {
            for (var i = 0; i < ScaleOutFixture.EnterpriseLimit + 10; i++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await onA.GetAsync(path);
                slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, Stopwatch.GetElapsedTime(started).Ticks));
                onADuringOutage.Add(response.StatusCode);
            }

            for (var i = 0; i < 5; i++)
            {
                using var response = await onB.GetAsync(path);
                onBDuringOutage.Add(response.StatusCode);
            }

            fixture.InstanceA.Metrics.Active().Should().Be(1);
            fixture.InstanceB.Metrics.Active().Should().Be(1);
        }
        finally
        {
            await fixture.Redis.StartAsync();
        }

        onADuringOutage.Count(s => s == HttpStatusCode.OK).Should().Be(ScaleOutFixture.EnterpriseLimit, "instance A applies the limit on its own");
        onADuringOutage.Should().AllSatisfy(s => s.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.TooManyRequests));
        onBDuringOutage.Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.OK), "instance B has its own window during the outage");
        slowest.Should().BeLessThan(TimeSpan.FromSeconds(2), "no request waits for the dead Redis longer than the Redis timeout");
        fixture.InstanceA.Metrics.Fallbacks(RateLimitFallback.RedisUnavailable).Should().Be(fallbacksBeforeA + onADuringOutage.Count);
        fixture.InstanceB.Metrics.Fallbacks(RateLimitFallback.RedisUnavailable).Should().Be(fallbacksBeforeB + onBDuringOutage.Count);
        // A log event may reach the collecting sink a little after the request that raised it has been answered.
        await Eventually.HoldsAsync(() => OutageWarnings(fixture.InstanceA) + OutageWarnings(fixture.InstanceB) >= warningsBefore + 2,
            "each instance should warn of the outage");
        (OutageWarnings(fixture.InstanceA) + OutageWarnings(fixture.InstanceB)).Should().Be(warningsBefore + 2, "one warning per instance per outage, not per request");

        await DecidedThroughRedisAsync(fixture.InstanceA, probeOnA, path);
        var partitions = fixture.RedisClient.GetServer(fixture.Redis.ConnectionString).Keys(pattern: "patchhound:ratelimit:tenant:*");
        partitions.Should().NotBeEmpty("instance A counts in Redis again");
        fixture.InstanceA.Logs.From<RateLimitFallback>(LogEventLevel.Information)
            .Should().Contain(e => e.MessageTemplate.Text.StartsWith("Redis answers again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readiness_fails_while_Redis_is_down_and_liveness_does_not()
    {
        using var onA = fixture.InstanceA.Client(cookie: null);
        using var onB = fixture.InstanceB.Client(cookie: null);
        (await onA.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);

        fixture.Redis.Stop();
        try
        {
            foreach (var client in new[] { onA, onB })
            {
                (await client.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
            }
        }
        finally
        {
            await fixture.Redis.StartAsync();
        }

        await EventuallyAsync(async () => (await onA.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK
            && (await onB.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_Redis_that_stops_answering_costs_a_request_no_more_than_the_Redis_timeout()
    {
        var cookie = await fixture.InstanceA.SignInAsync(await fixture.NewTenantAdminAsync(fixture.TenantA));
        using var onA = fixture.InstanceA.Client(cookie);
        var path = ScaleOutFixture.TenantEndpoint(fixture.TenantA);
        await DecidedThroughRedisAsync(fixture.InstanceA, onA, path);
        var fallbacksBefore = fixture.InstanceA.Metrics.Fallbacks(RateLimitFallback.RedisUnavailable);

        // The connection stays up but no command is answered for 3 s: only the limiter's own timeout helps here.
        await fixture.RedisClient.GetServer(fixture.Redis.ConnectionString).ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");
        var started = Stopwatch.GetTimestamp();
        using var response = await onA.GetAsync(path);
        var elapsed = Stopwatch.GetElapsedTime(started);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1.5), "the Redis call gives up after 250 ms");
        fixture.InstanceA.Metrics.Fallbacks(RateLimitFallback.RedisUnavailable).Should().Be(fallbacksBefore + 1);
        using var anonymous = fixture.InstanceA.Client(cookie: null);
        await EventuallyAsync(async () => (await anonymous.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
    }

    /// <summary>Waits until the instance's requests are decided by Redis again (after an earlier outage, it reconnects in the background).</summary>
    private static Task DecidedThroughRedisAsync(ApiInstance instance, HttpClient client, string path) =>
        EventuallyAsync(async () =>
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return instance.Metrics.Active() == 0;
        });

    private static int OutageWarnings(ApiInstance instance) =>
        instance.Logs.From<RateLimitFallback>(LogEventLevel.Warning)
            .Count(e => e.MessageTemplate.Text.StartsWith("Redis is unreachable for rate limiting", StringComparison.Ordinal));

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(RecoveryTimeout.TotalSeconds * Stopwatch.Frequency);
        while (!await condition())
        {
            Stopwatch.GetTimestamp().Should().BeLessThan(deadline, $"the condition should hold within {RecoveryTimeout}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
