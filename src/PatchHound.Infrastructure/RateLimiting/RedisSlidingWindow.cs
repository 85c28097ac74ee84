using StackExchange.Redis;

namespace PatchHound.Infrastructure.RateLimiting;

/// <summary>
/// A sliding-window log in Redis, shared by every replica: one sorted set per partition holds a member per admitted
/// request, scored by its time. Trimming, counting and admitting happen in one Lua script, so concurrent requests on
/// any number of replicas can never admit more than the limit.
/// </summary>
public sealed class RedisSlidingWindow(IConnectionMultiplexer redis, TimeProvider time)
{
    // KEYS[1] partition; ARGV: now (ms), window (ms), limit, permits, unique member prefix.
    // Returns {allowed (1/0), retry after (ms), remaining}. A member older than the window is expired at exactly
    // now - window; a refusal names when the request that blocks the permits leaves the window.
    internal const string Script = """
        local key = KEYS[1]
        local now = tonumber(ARGV[1])
        local window = tonumber(ARGV[2])
        local limit = tonumber(ARGV[3])
        local permits = tonumber(ARGV[4])
        redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
        local count = redis.call('ZCARD', key)
        if count + permits <= limit then
          for i = 1, permits do
            redis.call('ZADD', key, now, ARGV[5] .. ':' .. i)
          end
          redis.call('PEXPIRE', key, window)
          return {1, 0, limit - count - permits}
        end
        local blocking = count + permits - limit - 1
        local entry = redis.call('ZRANGE', key, blocking, blocking, 'WITHSCORES')
        local retry = window
        if entry[2] then
          retry = tonumber(entry[2]) + window - now
        end
        return {0, retry, math.max(limit - count, 0)}
        """;

    /// <summary>Whether the multiplexer has a live connection: without one, a call would only wait.</summary>
    public bool IsConnected => redis.IsConnected;

    /// <summary>Admits <paramref name="permits"/> requests into <paramref name="key"/>'s window, or says when to retry.</summary>
    /// <exception cref="RedisException">Redis is unreachable or refused the script.</exception>
    public async Task<SlidingWindowDecision> AcquireAsync(string key, int limit, TimeSpan window, int permits = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(permits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permits, limit);

        RedisValue[] arguments =
        [
            time.GetUtcNow().ToUnixTimeMilliseconds(),
            (long)window.TotalMilliseconds,
            limit,
            permits,
            Guid.NewGuid().ToString("N"),
        ];
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, [key], arguments))!;
        return new SlidingWindowDecision((int)result[0] == 1, TimeSpan.FromMilliseconds((long)result[1]), (int)result[2]);
    }
}
