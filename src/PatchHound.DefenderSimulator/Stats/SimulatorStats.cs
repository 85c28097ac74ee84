using System.Collections.Concurrent;

namespace PatchHound.DefenderSimulator.Stats;

/// <summary>Counters per (tenant, endpoint) for tests and benchmarks; requests without a valid token count under "-".</summary>
public sealed class SimulatorStats
{
    public const string UnknownTenant = "-";

    private readonly ConcurrentDictionary<(string Tenant, string Endpoint), long[]> counters = new();

    public void Add(string tenant, string endpoint, StatKind kind, long amount = 1) =>
        Interlocked.Add(ref counters.GetOrAdd((tenant.ToLowerInvariant(), endpoint), _ => new long[Enum.GetValues<StatKind>().Length])[(int)kind], amount);

    /// <summary>Raises a counter to <paramref name="value"/> when it is lower (a peak, not a sum).</summary>
    public void Max(string tenant, string endpoint, StatKind kind, long value)
    {
        var values = counters.GetOrAdd((tenant.ToLowerInvariant(), endpoint), _ => new long[Enum.GetValues<StatKind>().Length]);
        long current;
        while ((current = Interlocked.Read(ref values[(int)kind])) < value
            && Interlocked.CompareExchange(ref values[(int)kind], value, current) != current)
        {
        }
    }

    public long Get(string tenant, string endpoint, StatKind kind) =>
        counters.TryGetValue((tenant.ToLowerInvariant(), endpoint), out var values) ? Interlocked.Read(ref values[(int)kind]) : 0;

    /// <summary>{ tenant: { endpoint: { requests, pages, … } } }, with zero counters left out.</summary>
    public SortedDictionary<string, SortedDictionary<string, SortedDictionary<string, long>>> Snapshot()
    {
        var snapshot = new SortedDictionary<string, SortedDictionary<string, SortedDictionary<string, long>>>(StringComparer.Ordinal);
        foreach (var ((tenant, endpoint), values) in counters)
        {
            var byEndpoint = snapshot.TryGetValue(tenant, out var found) ? found : snapshot[tenant] = new(StringComparer.Ordinal);
            byEndpoint[endpoint] = new SortedDictionary<string, long>(Enum.GetValues<StatKind>()
                .Where(k => Interlocked.Read(ref values[(int)k]) != 0)
                .ToDictionary(k => JsonName(k), k => Interlocked.Read(ref values[(int)k])), StringComparer.Ordinal);
        }

        return snapshot;
    }

    public void Reset() => counters.Clear();

    private static string JsonName(StatKind kind) => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..];
}
