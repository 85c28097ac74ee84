using Microsoft.Extensions.Options;

namespace PatchHound.DefenderSimulator.Faults;

/// <summary>The faults armed right now: the configured ones at start and after a reset, or those a test posted.</summary>
public sealed class FaultBoard(IOptions<SimulatorOptions> options)
{
    private readonly Lock gate = new();
    private List<ArmedFault> armed = Arm(options.Value.Faults);

    public IReadOnlyList<ArmedFault> Armed
    {
        get
        {
            lock (gate)
            {
                return [.. armed];
            }
        }
    }

    public void Set(IEnumerable<FaultRule> rules, bool append)
    {
        lock (gate)
        {
            armed = append ? [.. armed, .. Arm(rules)] : Arm(rules);
        }
    }

    public void Reset() => Set(options.Value.Faults, append: false);

    public FaultPlan Evaluate(string tenant, string endpoint, int page)
    {
        List<FaultRule> fired;
        lock (gate)
        {
            fired = [.. armed.Where(a => a.Rule.Matches(tenant, endpoint, page) && a.Fire()).Select(a => a.Rule)];
        }

        if (fired.Count == 0)
        {
            return FaultPlan.None;
        }

        return new FaultPlan(
            fired.Where(r => r.Kind == FaultKind.Latency).Sum(r => r.LatencyMs),
            fired.FirstOrDefault(r => FaultPlan.Replaces(r.Kind)),
            fired.Where(r => r.Kind != FaultKind.Latency && !FaultPlan.Replaces(r.Kind)).Select(r => r.Kind).ToHashSet(),
            fired.Where(r => r.Kind == FaultKind.OversizedPage).Select(r => r.OversizeMegabytes).DefaultIfEmpty(0).Max());
    }

    // Rules are copied so a test that keeps mutating its own objects does not change what is armed.
    private static List<ArmedFault> Arm(IEnumerable<FaultRule> rules) => [.. rules.Select(r => new ArmedFault(new FaultRule
    {
        Kind = r.Kind,
        Tenant = r.Tenant,
        Endpoint = r.Endpoint,
        Page = r.Page,
        EveryNth = r.EveryNth,
        Times = r.Times,
        LatencyMs = r.LatencyMs,
        RetryAfterSeconds = r.RetryAfterSeconds,
        StatusCode = r.StatusCode,
        OversizeMegabytes = r.OversizeMegabytes,
    }))];
}
