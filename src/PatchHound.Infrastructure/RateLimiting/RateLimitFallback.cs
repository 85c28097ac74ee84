using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.RateLimiting;

/// <summary>
/// Knows whether this replica is deciding rate limits on its own because Redis is unreachable (or not configured):
/// logs once when an outage starts and once when it ends, and exposes it as metrics.
/// </summary>
public sealed class RateLimitFallback : IDisposable
{
    public const string MeterName = "PatchHound.RateLimiting";

    /// <summary>Counter: requests decided by the per-replica limiter, tagged <c>reason</c>.</summary>
    public const string FallbackCounterName = "patchhound.ratelimit.fallback";

    /// <summary>Gauge: 1 while this replica decides on its own, 0 while Redis decides.</summary>
    public const string FallbackActiveGaugeName = "patchhound.ratelimit.fallback.active";

    public const string RedisUnavailable = "redis_unavailable";
    public const string RedisNotConfigured = "redis_not_configured";

    private readonly Meter meter;
    private readonly Counter<long> fallbackDecisions;
    private readonly TimeProvider time;
    private readonly TimeSpan retryDelay;
    private readonly ILogger<RateLimitFallback> logger;
    private int inOutage;
    private int notConfigured;
    private long redisRetryAtTicks;

    public RateLimitFallback(IMeterFactory meters, TimeProvider time, IOptions<PatchHoundRateLimitOptions> options, ILogger<RateLimitFallback> logger)
    {
        this.time = time;
        this.logger = logger;
        retryDelay = options.Value.RedisRetryDelay;
        meter = meters.Create(MeterName);
        fallbackDecisions = meter.CreateCounter<long>(FallbackCounterName, "{request}",
            "Requests whose rate limit this replica decided on its own because Redis was unreachable or not configured.");
        meter.CreateObservableGauge(FallbackActiveGaugeName, () => IsActive ? 1 : 0, "{state}",
            "1 while this replica's rate limits are per replica instead of shared through Redis.");
    }

    /// <summary>True while this replica decides on its own.</summary>
    public bool IsActive => Volatile.Read(ref inOutage) == 1 || Volatile.Read(ref notConfigured) == 1;

    /// <summary>Once, at start-up, when there is no Redis to share limits through.</summary>
    public void RedisIsNotConfigured()
    {
        if (Interlocked.Exchange(ref notConfigured, 1) == 0)
        {
            logger.LogWarning(
                "Redis is not configured (ConnectionStrings:Redis): rate limits are kept per replica, so N replicas admit up to N times the limit");
        }
    }

    /// <summary>Whether to ask Redis now: it must be connected, and not have failed a call within the retry delay.</summary>
    public bool ShouldAskRedis(bool connected)
    {
        if (!connected)
        {
            BeginOutage("the connection is down", null);
            return false;
        }

        return time.GetUtcNow().UtcTicks >= Volatile.Read(ref redisRetryAtTicks);
    }

    public void RedisAnswered()
    {
        if (Interlocked.Exchange(ref inOutage, 0) == 1)
        {
            logger.LogInformation("Redis answers again: rate limits are shared across replicas again");
        }
    }

    public void RedisFailed(Exception error)
    {
        Volatile.Write(ref redisRetryAtTicks, (time.GetUtcNow() + retryDelay).UtcTicks);
        BeginOutage(error.GetType().Name, error);
    }

    public void DecidedLocally(string reason) => fallbackDecisions.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void Dispose() => meter.Dispose();

    private void BeginOutage(string cause, Exception? error)
    {
        if (Interlocked.Exchange(ref inOutage, 1) == 0)
        {
            logger.LogWarning(error,
                "Redis is unreachable for rate limiting ({Cause:l}): each replica now applies the same limits on its own until Redis answers again",
                cause);
        }
    }
}
