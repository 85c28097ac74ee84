using Microsoft.Extensions.Options;
using PatchHound.Core.Sources;
using PatchHound.DefenderSimulator.Stats;

namespace PatchHound.DefenderSimulator.Throttling;

/// <summary>
/// Defender's documented rate limits per tenant and endpoint family (<see cref="DefenderApiLimits"/>): past them a call
/// is refused with the time until the window admits one more. Also counts, refused or not, the most calls a tenant made
/// within the family's shortest window (<see cref="StatKind.BusiestWindow"/>), so tests see how close a client came.
/// </summary>
public sealed class TenantRateLimits(IOptions<SimulatorOptions> options, SimulatorStats stats, TimeProvider time)
{
    private readonly CallWindows admitted = new();
    private readonly CallWindows arrived = new();

    /// <returns>Null when the call may proceed; else the refusal's retry time and the limit it hit.</returns>
    public (TimeSpan RetryAfter, CallLimit Limit)? Check(string tenantId, string endpoint)
    {
        if (FamilyOf(endpoint) is not { } family)
        {
            return null;
        }

        var settings = options.Value.RateLimits;
        var limits = settings.For(family);
        var partition = $"{tenantId.ToLowerInvariant()}:{family}";
        var now = time.GetUtcNow();
        var shortest = limits.MinBy(l => l.Per)!;
        stats.Max(tenantId, endpoint, StatKind.BusiestWindow, arrived.Record(partition, shortest.Per, now));
        if (!settings.Enabled)
        {
            return null;
        }

        var wait = admitted.Take(partition, limits, now);
        if (wait <= TimeSpan.Zero)
        {
            return null;
        }

        var blocking = limits.Where(l => l.Per >= wait).MinBy(l => l.Per) ?? limits.MaxBy(l => l.Per)!;
        return (wait, blocking);
    }

    public void Reset()
    {
        admitted.Clear();
        arrived.Clear();
    }

    private static DefenderApiFamily? FamilyOf(string endpoint) => endpoint switch
    {
        SimulatorEndpoints.Machines => DefenderApiFamily.Machines,
        SimulatorEndpoints.Vulnerabilities => DefenderApiFamily.Export,
        _ => null,
    };
}
