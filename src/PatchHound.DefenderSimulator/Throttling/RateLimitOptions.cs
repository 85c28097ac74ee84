using PatchHound.Core.Sources;

namespace PatchHound.DefenderSimulator.Throttling;

/// <summary><c>Simulator:RateLimits</c>: Defender's documented limits per tenant, on unless a test or benchmark turns them off or changes them.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Answer 429 past the documented limits (<see cref="DefenderApiLimits"/>). Off only where callers hammer the simulator on purpose.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Replaces a family's documented limits, e.g. <c>Simulator:RateLimits:Limits:Export:0:Calls=5</c>, <c>…:Per=00:00:10</c>.</summary>
    public Dictionary<DefenderApiFamily, CallLimit[]> Limits { get; set; } = [];

    public IReadOnlyList<CallLimit> For(DefenderApiFamily family) => DefenderApiLimits.Effective(family, Limits);

    public IEnumerable<string> Problems() => Limits
        .Where(l => l.Value.Any(limit => !limit.IsValid))
        .Select(l => $"RateLimits:Limits:{l.Key} entries need Calls ≥ 1 and Per between 0 and 1 day.");
}
