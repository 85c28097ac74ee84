using PatchHound.Core.Sources;
using StackExchange.Redis;

namespace PatchHound.Infrastructure.Defender.RateBudget;

/// <summary>
/// One permit from several sliding windows at once (a minute and an hour), in Redis so every replica shares them:
/// one sorted set per window holds a member per call, scored by its time. Checking every window and adding the call
/// to all of them happens in one Lua script, so concurrent callers on any number of replicas never exceed a limit
/// (the algorithm of <see cref="RateLimiting.RedisSlidingWindow"/>, ADR 0013, over several windows; <see cref="CallWindows"/> is the same in memory).
/// </summary>
internal sealed class RedisCallWindows(IConnectionMultiplexer redis)
{
    // KEYS: one sorted set per window. ARGV[1] now (ms), ARGV[2] unique member, then per window i: ARGV[1+2i] its
    // length (ms), ARGV[2+2i] its limit. Returns 0 when the call was admitted into every window, else the
    // milliseconds until every window admits one more call (nothing is added then).
    internal const string Script = """
        local now = tonumber(ARGV[1])
        local wait = 0
        for i, key in ipairs(KEYS) do
          local window = tonumber(ARGV[1 + 2 * i])
          local limit = tonumber(ARGV[2 + 2 * i])
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          local count = redis.call('ZCARD', key)
          if count >= limit then
            local entry = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
            local free = tonumber(entry[2]) + window - now
            if free > wait then
              wait = free
            end
          end
        end
        if wait > 0 then
          return wait
        end
        for i, key in ipairs(KEYS) do
          redis.call('ZADD', key, now, ARGV[2])
          redis.call('PEXPIRE', key, tonumber(ARGV[1 + 2 * i]))
        end
        return 0
        """;

    public bool IsConnected => redis.IsConnected;

    /// <returns>Zero when a call was admitted; otherwise how long until one would be.</returns>
    /// <exception cref="RedisException">Redis is unreachable or refused the script.</exception>
    public async Task<TimeSpan> TakeAsync(string keyPrefix, string partition, IReadOnlyList<CallLimit> limits, DateTimeOffset now)
    {
        // The hash tag keeps a partition's windows in one slot, as a multi-key script needs on a Redis cluster.
        var keys = limits.Select(l => (RedisKey)$"{keyPrefix}{{{partition}}}:{(long)l.Per.TotalMilliseconds}").ToArray();
        var arguments = new List<RedisValue> { now.ToUnixTimeMilliseconds(), Guid.NewGuid().ToString("N") };
        foreach (var limit in limits)
        {
            arguments.Add((long)limit.Per.TotalMilliseconds);
            arguments.Add(limit.Calls);
        }

        var result = await redis.GetDatabase().ScriptEvaluateAsync(Script, keys, [.. arguments]);
        return TimeSpan.FromMilliseconds((long)result);
    }
}
