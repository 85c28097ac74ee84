using PatchHound.Infrastructure.RateLimiting;
using PatchHound.IntegrationTests.Ai;
using PatchHound.IntegrationTests.Harness;
using StackExchange.Redis;

namespace PatchHound.IntegrationTests.Api.RateLimiting;

/// <summary>The Lua sliding window against a real redis-server; each test uses its own keys.</summary>
public sealed class RedisSlidingWindowTests : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider clock = new(Start);
    private readonly string key = $"test:ratelimit:{Guid.NewGuid():N}";
    private ConnectionMultiplexer? redis;

    private ConnectionMultiplexer Redis => redis ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() =>
        redis = await ConnectionMultiplexer.ConnectAsync((await RedisServer.Instance).ConnectionString);

    public async Task DisposeAsync()
    {
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task Admits_exactly_the_limit_then_refuses_until_the_oldest_request_leaves_the_window()
    {
        var window = new RedisSlidingWindow(Redis, clock);
        var remaining = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var admitted = await window.AcquireAsync(key, 5, Window);
            admitted.Allowed.Should().BeTrue();
            remaining.Add(admitted.Remaining);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        clock.Advance(TimeSpan.FromSeconds(-5));
        var refused = await window.AcquireAsync(key, 5, Window);

        remaining.Should().Equal(4, 3, 2, 1, 0);
        refused.Should().Be(new SlidingWindowDecision(false, TimeSpan.FromSeconds(15), 0), "the first request, at 0 s, leaves at 60 s; it is 45 s now");
    }

    [Fact]
    public async Task Each_request_frees_its_slot_exactly_one_window_after_it_was_admitted()
    {
        var window = new RedisSlidingWindow(Redis, clock);
        await AdmitAsync(window, 3);
        clock.Advance(TimeSpan.FromSeconds(10));
        await AdmitAsync(window, 2);

        clock.Advance(TimeSpan.FromSeconds(50) - TimeSpan.FromMilliseconds(1));
        var justBefore = await window.AcquireAsync(key, 5, Window);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var afterFirstThree = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            afterFirstThree.Add((await window.AcquireAsync(key, 5, Window)).Allowed);
        }

        justBefore.Should().Be(new SlidingWindowDecision(false, TimeSpan.FromMilliseconds(1), 0));
        afterFirstThree.Should().Equal([true, true, true, false], "the three requests of 0 s left at 60 s; the two of 10 s are still in");
    }

    [Fact]
    public async Task Refused_requests_do_not_count()
    {
        var window = new RedisSlidingWindow(Redis, clock);
        await AdmitAsync(window, 5);
        clock.Advance(TimeSpan.FromSeconds(30));
        for (var i = 0; i < 50; i++)
        {
            (await window.AcquireAsync(key, 5, Window)).Allowed.Should().BeFalse();
        }

        clock.Advance(TimeSpan.FromSeconds(30));

        (await AdmitAsync(window, 5)).Should().Be(5, "only the five admitted requests were in the window, and they have left");
    }

    [Fact]
    public async Task Partitions_have_separate_windows()
    {
        var window = new RedisSlidingWindow(Redis, clock);
        await AdmitAsync(window, 2);

        var other = await window.AcquireAsync(key + ":other", 2, Window);
        var same = await window.AcquireAsync(key, 2, Window);

        other.Allowed.Should().BeTrue();
        same.Allowed.Should().BeFalse();
    }

    [Fact]
    public async Task The_partition_expires_from_Redis_one_window_after_its_last_admission()
    {
        var window = new RedisSlidingWindow(Redis, clock);
        await AdmitAsync(window, 1);

        var ttl = await Redis.GetDatabase().KeyTimeToLiveAsync(key);

        ttl.Should().NotBeNull();
        ttl!.Value.Should().BeCloseTo(Window, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Two_hundred_concurrent_acquisitions_from_two_connections_admit_exactly_the_limit()
    {
        const int limit = 37;
        await using var secondReplica = await ConnectionMultiplexer.ConnectAsync((await RedisServer.Instance).ConnectionString);
        var windows = new[] { new RedisSlidingWindow(Redis, TimeProvider.System), new RedisSlidingWindow(secondReplica, TimeProvider.System) };

        // All 200 are in flight at once, interleaved on two connections as two replicas' would be.
        var attempts = Enumerable.Range(0, 200).Select(i => windows[i % 2].AcquireAsync(key, limit, Window)).ToList();
        var decisions = await Task.WhenAll(attempts);

        decisions.Count(d => d.Allowed).Should().Be(limit);
        (await Redis.GetDatabase().SortedSetLengthAsync(key)).Should().Be(limit);
    }

    /// <returns>How many of <paramref name="count"/> acquisitions were admitted.</returns>
    private async Task<int> AdmitAsync(RedisSlidingWindow window, int count)
    {
        var admitted = 0;
        for (var i = 0; i < count; i++)
        {
            admitted += (await window.AcquireAsync(key, 5, Window)).Allowed ? 1 : 0;
        }

        return admitted;
    }
}
