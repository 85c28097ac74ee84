namespace PatchHound.Infrastructure.RateLimiting;

/// <summary>
/// What the Redis script decided: allowed or not; when refused, how long until enough earlier requests leave the
/// window; and how many requests the window still admits.
/// </summary>
public readonly record struct SlidingWindowDecision(bool Allowed, TimeSpan RetryAfter, int Remaining);
