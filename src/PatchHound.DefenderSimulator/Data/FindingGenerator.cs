using System.Globalization;
using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// Finding <c>slot</c> of a device in a generation, regenerated on demand. Export row <c>n</c> is device
/// <c>n / FindingsPerDevice</c>, slot <c>n % FindingsPerDevice</c>, so any page starts without walking the ones before.
/// </summary>
public sealed class FindingGenerator(CveCatalog cves, SimulatedEpoch simulatedEpoch)
{
    private const int InstalledStep = 5;

    public SimulatedFinding Generate(TenantProfile tenant, SimulatedMachine machine, int slot, int generation)
    {
        var key = FindingChurn.ContentKey(tenant, machine.Index, slot, generation);
        var random = SeededRandom.For(tenant.Seed, SeedPurpose.Finding, machine.Index, slot, key);
        var facts = cves.Facts(cves.Choose(ref random, slot, tenant.FindingsPerDevice, tenant.KevPercent));
        var firstSeen = key == 0 ? simulatedEpoch.Value - FoundAgo(ref random) : simulatedEpoch.At(key) - Half - HalfGeneration(ref random);
        var lastSeen = simulatedEpoch.At(generation) - HalfGeneration(ref random);
        var id = string.Create(CultureInfo.InvariantCulture, $"{machine.Id}_{facts.SoftwareName}_{facts.SoftwareVersion}_{facts.CveId}_");
        return new SimulatedFinding(id, machine, facts, firstSeen, lastSeen);
    }

    /// <summary>
    /// How long before the epoch a finding of the initial world was found: mostly in the past three weeks, some in
    /// the past months, a few long ago, so that against the default SLA most are within it, some due soon and some
    /// breached (KEV due dates, all in the past, breach the KEV findings).
    /// </summary>
    private static TimeSpan FoundAgo(ref SeededRandom random)
    {
        var roll = random.Next(100);
        var days = roll < 60 ? random.Next(1, 21) : roll < 90 ? random.Next(21, 75) : random.Next(75, 300);
        return TimeSpan.FromDays(days) + TimeSpan.FromSeconds(random.Next(86_400));
    }

    /// <summary>Half a generation, at most 12 hours: a finding new in generation g was found in the half before it.</summary>
    private TimeSpan Half => TimeSpan.FromTicks(Math.Min(simulatedEpoch.GenerationLength.Ticks / 2, TimeSpan.TicksPerHour * 12));

    /// <summary>A random part of <see cref="Half"/>: last-seen times stay after the first-seen ones.</summary>
    private TimeSpan HalfGeneration(ref SeededRandom random) => TimeSpan.FromSeconds(random.Next((int)Half.TotalSeconds));

    /// <summary>
    /// The device's software number <paramref name="index"/> without a known vulnerability: a product of the catalog
    /// no two indexes of a device share (the step is coprime with the catalog's size), installed since before the epoch.
    /// </summary>
    public SimulatedFinding Installed(TenantProfile tenant, SimulatedMachine machine, int index, int generation)
    {
        var products = SoftwareCatalog.Products;
        var product = products[(int)((machine.Index + (long)index * InstalledStep) % products.Count)];
        var random = SeededRandom.For(tenant.Seed, SeedPurpose.Installed, machine.Index, index, 0);
        var facts = VulnerabilityFacts.Installed(product.Vendor, product.Name, product.Version(ref random));
        var firstSeen = simulatedEpoch.Value.AddDays(-random.Next(30, 700)).AddSeconds(random.Next(86_400));
        var lastSeen = simulatedEpoch.At(generation) - HalfGeneration(ref random);
        var id = string.Create(CultureInfo.InvariantCulture, $"{machine.Id}_{facts.SoftwareName}_{facts.SoftwareVersion}__");
        return new SimulatedFinding(id, machine, facts, firstSeen, lastSeen);
    }
}
