using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PatchHound.Infrastructure.RateLimiting;

/// <summary>
/// Decides whether a request may proceed against its partition's sliding window: in Redis, shared by every replica,
/// or, while Redis is not configured or unreachable, in this replica's memory with the same limits. A Redis call
/// gets <see cref="PatchHoundRateLimitOptions.RedisTimeout"/>, so an outage never stalls requests for long.
/// </summary>
public sealed class DistributedRateLimiter : IDisposable
{
    private readonly PatchHoundRateLimitOptions options;
    private readonly RateLimitFallback fallback;
    private readonly RedisSlidingWindow? redis;
    private readonly PartitionedRateLimiter<RateLimitTarget> local;

    public DistributedRateLimiter(IOptions<PatchHoundRateLimitOptions> options, RateLimitFallback fallback, RedisSlidingWindow? redis = null)
    {
        this.options = options.Value;
        this.fallback = fallback;
        this.redis = redis;
        local = PartitionedRateLimiter.Create<RateLimitTarget, RateLimitTarget>(target =>
            RateLimitPartition.GetSlidingWindowLimiter(target, key => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = key.Limit,
                Window = this.options.Window,
                SegmentsPerWindow = this.options.FallbackSegmentsPerWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        if (redis is null)
        {
            fallback.RedisIsNotConfigured();
        }
    }

    public async ValueTask<RateLimitLease> AcquireAsync(RateLimitTarget target, int permits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (redis is not null && fallback.ShouldAskRedis(redis.IsConnected))
        {
            try
            {
                var decision = await redis.AcquireAsync(options.KeyPrefix + target.Key, target.Limit, options.Window, permits)
                    .WaitAsync(options.RedisTimeout, cancellationToken);
                fallback.RedisAnswered();
                return decision.Allowed ? SlidingWindowLease.Granted : SlidingWindowLease.Refused(decision.RetryAfter);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                fallback.RedisFailed(e);
            }
        }

        fallback.DecidedLocally(redis is null ? RateLimitFallback.RedisNotConfigured : RateLimitFallback.RedisUnavailable);
        return local.AttemptAcquire(target, permits);
    }

    public void Dispose() => local.Dispose();
}
