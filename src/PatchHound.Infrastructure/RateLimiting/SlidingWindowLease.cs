using System.Threading.RateLimiting;

namespace PatchHound.Infrastructure.RateLimiting;

/// <summary>A granted or refused permit; a refusal carries <see cref="MetadataName.RetryAfter"/> when it is known.</summary>
public sealed class SlidingWindowLease : RateLimitLease
{
    private static readonly string[] RetryAfterOnly = [MetadataName.RetryAfter.Name];

    private readonly TimeSpan? retryAfter;

    private SlidingWindowLease(bool acquired, TimeSpan? retryAfter)
    {
        IsAcquired = acquired;
        this.retryAfter = retryAfter;
    }

    public static SlidingWindowLease Granted { get; } = new(true, null);

    /// <summary>Refused without a verdict, e.g. a synchronous attempt that cannot consult Redis.</summary>
    public static SlidingWindowLease NotDecided { get; } = new(false, null);

    public override bool IsAcquired { get; }

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : RetryAfterOnly;

    public static SlidingWindowLease Refused(TimeSpan retryAfter) => new(false, retryAfter);

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = value;
            return true;
        }

        metadata = null;
        return false;
    }
}
