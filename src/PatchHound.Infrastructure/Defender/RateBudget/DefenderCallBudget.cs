using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Core.Sources;
using StackExchange.Redis;

namespace PatchHound.Infrastructure.Defender.RateBudget;

/// <summary>
/// The calls each Defender tenant may still make per endpoint family, shared by every replica through Redis. While
/// Redis is not configured, down, slow or failing, this process decides on its own with
/// <see cref="DefenderRateBudgetOptions.FallbackShare"/> of every limit, logging once when that starts and once when
/// Redis answers again: pacing never fails a run.
/// </summary>
public sealed class DefenderCallBudget
{
    private readonly DefenderRateBudgetOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<DefenderCallBudget> logger;
    private readonly RedisCallWindows? redis;
    private readonly CallWindows local = new();
    private int decidingLocally;
    private long askRedisAgainAtTicks;

    public DefenderCallBudget(
        IOptions<DefenderOptions> options, TimeProvider time, ILogger<DefenderCallBudget> logger, IConnectionMultiplexer? redis = null)
    {
        this.options = options.Value.RateBudget;
        this.time = time;
        this.logger = logger;
        this.redis = redis is null ? null : new RedisCallWindows(redis);
        if (redis is null && this.options.Enabled)
        {
            logger.LogWarning(
                "Redis is not configured (ConnectionStrings:Redis): the Defender rate budget is kept per process, at {Share:P0} of each documented limit",
                this.options.FallbackShare);
        }
    }

    /// <summary>True while this process paces on its own share instead of the shared budget.</summary>
    public bool IsDecidingLocally => redis is null || Volatile.Read(ref decidingLocally) == 1;

    /// <summary>Takes a permit for one call of <paramref name="family"/> by <paramref name="defenderTenant"/>.</summary>
    /// <returns>Zero when taken; otherwise how long until one is free (nothing was taken).</returns>
    public async Task<TimeSpan> TryTakeAsync(string defenderTenant, DefenderApiFamily family, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(defenderTenant);
        var limits = options.For(family);
        var partition = $"{defenderTenant.ToLowerInvariant()}:{family.ToString().ToLowerInvariant()}";
        var now = time.GetUtcNow();
        if (redis is not null && ShouldAskRedis(now))
        {
            try
            {
                var wait = await redis.TakeAsync(options.KeyPrefix, partition, limits, now).WaitAsync(options.RedisTimeout, time, cancellationToken);
                if (Interlocked.Exchange(ref decidingLocally, 0) == 1)
                {
                    logger.LogInformation("Redis answers again: the Defender rate budget is shared by every replica again");
                }

                return wait;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                Volatile.Write(ref askRedisAgainAtTicks, (now + options.RedisRetryDelay).UtcTicks);
                BeginLocal(e.GetType().Name, e);
            }
        }

        var share = limits.Select(l => new CallLimit(Math.Max(1, (int)(l.Calls * options.FallbackShare)), l.Per)).ToList();
        return local.Take(partition, share, now);
    }

    private bool ShouldAskRedis(DateTimeOffset now)
    {
        if (!redis!.IsConnected)
        {
            BeginLocal("the connection is down", null);
            return false;
        }

        return now.UtcTicks >= Volatile.Read(ref askRedisAgainAtTicks);
    }

    private void BeginLocal(string cause, Exception? error)
    {
        if (Interlocked.Exchange(ref decidingLocally, 1) == 0)
        {
            logger.LogWarning(error,
                "Redis is unreachable for the Defender rate budget ({Cause:l}): this process paces its Defender calls on its own at {Share:P0} of each documented limit until Redis answers again",
                cause, options.FallbackShare);
        }
    }
}
