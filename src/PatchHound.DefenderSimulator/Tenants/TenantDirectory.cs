using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PatchHound.DefenderSimulator.Data;

namespace PatchHound.DefenderSimulator.Tenants;

/// <summary>
/// Every tenant exists: unknown ids get the default profile. Holds only what tests change at run time (profile
/// overrides and generations), never generated data.
/// </summary>
public sealed class TenantDirectory(IOptions<SimulatorOptions> options, SimulatedEpoch epoch, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, GenerationHistory> histories = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TenantProfileOptions> overrides = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, int> generations = new(StringComparer.OrdinalIgnoreCase);

    public TenantProfile Profile(string tenantId)
    {
        var settings = options.Value;
        var fallback = settings.DefaultTenant;
        var configured = Configured(tenantId);
        var runtime = overrides.TryGetValue(tenantId, out var set) ? set : null;
        return new TenantProfile(
            tenantId,
            SeededRandom.Hash($"{settings.Seed}|{tenantId.ToLowerInvariant()}"),
            runtime?.Devices ?? configured?.Devices ?? fallback.Devices ?? 0,
            runtime?.FindingsPerDevice ?? configured?.FindingsPerDevice ?? fallback.FindingsPerDevice ?? 0,
            runtime?.InstalledSoftwarePerDevice ?? configured?.InstalledSoftwarePerDevice ?? fallback.InstalledSoftwarePerDevice ?? 0,
            runtime?.ChurnPercent ?? configured?.ChurnPercent ?? fallback.ChurnPercent ?? 0,
            runtime?.ReopenPercent ?? configured?.ReopenPercent ?? fallback.ReopenPercent ?? 0,
            runtime?.KevPercent ?? configured?.KevPercent ?? fallback.KevPercent ?? 0,
            runtime?.ClientSecret ?? configured?.ClientSecret ?? settings.ClientSecret);
    }

    /// <summary>The tenant's current generation: configured or set, plus advances, plus those the clock added.</summary>
    public int Generation(string tenantId) =>
        (generations.TryGetValue(tenantId, out var generation) ? generation : ConfiguredGeneration(tenantId)) + epoch.ClockGenerations();

    /// <summary>Moves the tenant <paramref name="steps"/> generations on (churn); returns the new generation.</summary>
    public int Advance(string tenantId, int steps)
    {
        var history = History(tenantId);
        lock (history)
        {
            var set = generations.AddOrUpdate(tenantId, id => ConfiguredGeneration(id) + steps, (_, current) => current + steps);
            history.Record(time.GetUtcNow(), set);
            return set + epoch.ClockGenerations();
        }
    }

    /// <summary>
    /// The generation that was current at <paramref name="at"/>, for the delta export's <c>sinceTime</c>: what was set
    /// then (the configured one before any change), plus what the clock had added by then.
    /// </summary>
    public int GenerationAt(string tenantId, DateTimeOffset at)
    {
        var history = History(tenantId);
        lock (history)
        {
            return (history.At(at) ?? ConfiguredGeneration(tenantId)) + epoch.ClockGenerationsAt(at);
        }
    }

    private GenerationHistory History(string tenantId) => histories.GetOrAdd(tenantId, _ => new GenerationHistory());

    /// <summary>Overrides the given values of the tenant's profile (unset values keep their current source).</summary>
    public TenantProfile Configure(string tenantId, TenantProfileOptions patch)
    {
        var problems = patch.Problems(tenantId).ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(patch));
        }

        overrides.AddOrUpdate(tenantId, patch, (_, current) => new TenantProfileOptions
        {
            Devices = patch.Devices ?? current.Devices,
            FindingsPerDevice = patch.FindingsPerDevice ?? current.FindingsPerDevice,
            ChurnPercent = patch.ChurnPercent ?? current.ChurnPercent,
            ReopenPercent = patch.ReopenPercent ?? current.ReopenPercent,
            KevPercent = patch.KevPercent ?? current.KevPercent,
            ClientSecret = patch.ClientSecret ?? current.ClientSecret,
        });
        if (patch.Generation is { } generation)
        {
            var history = History(tenantId);
            lock (history)
            {
                generations[tenantId] = generation;
                history.Record(time.GetUtcNow(), generation);
            }
        }

        return Profile(tenantId);
    }

    public void Reset()
    {
        overrides.Clear();
        generations.Clear();
        histories.Clear();
    }

    private int ConfiguredGeneration(string tenantId) =>
        Configured(tenantId)?.Generation ?? options.Value.DefaultTenant.Generation ?? 0;

    // The binder may replace the dictionary (and its comparer); tenant ids are GUIDs whose case varies by client.
    private TenantProfileOptions? Configured(string tenantId) =>
        options.Value.Tenants.FirstOrDefault(t => string.Equals(t.Key, tenantId, StringComparison.OrdinalIgnoreCase)).Value;
}
