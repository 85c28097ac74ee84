namespace PatchHound.Infrastructure.RateLimiting;

/// <summary>The partition a request counts against (e.g. <c>tenant:{id}:user:{id}</c>) and its limit per window.</summary>
public sealed record RateLimitTarget(string Key, int Limit);
