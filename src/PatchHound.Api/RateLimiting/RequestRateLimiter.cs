using System.Threading.RateLimiting;
using PatchHound.Infrastructure.RateLimiting;

namespace PatchHound.Api.RateLimiting;

/// <summary>
/// The global limiter of ASP.NET Core's rate limiting middleware: resolves the request's partition and lets
/// <see cref="DistributedRateLimiter"/> decide.
/// </summary>
internal sealed class RequestRateLimiter(RequestPartitioner partitioner, DistributedRateLimiter limiter) : PartitionedRateLimiter<HttpContext>
{
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    // Deciding needs I/O (the tenant's edition, Redis), so the synchronous attempt never decides; the middleware
    // then awaits AcquireAsync, which does.
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => SlidingWindowLease.NotDecided;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        var target = await partitioner.ResolveAsync(resource, cancellationToken);
        return target is null ? SlidingWindowLease.Granted : await limiter.AcquireAsync(target, permitCount, cancellationToken);
    }
}
