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
        var epoch = simulatedEpoch.Value;
        var firstSeen = key == 0
            ? epoch.AddDays(-random.Next(2, 400)).AddSeconds(random.Next(86_400))
            : epoch.AddDays(key).AddSeconds(-43_200 - random.Next(43_200));
        var lastSeen = epoch.AddDays(generation).AddSeconds(-random.Next(43_200));
        var id = string.Create(CultureInfo.InvariantCulture, $"{machine.Id}_{facts.SoftwareName}_{facts.SoftwareVersion}_{facts.CveId}_");
        return new SimulatedFinding(id, machine, facts, firstSeen, lastSeen);
    }

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
        var epoch = simulatedEpoch.Value;
        var firstSeen = epoch.AddDays(-random.Next(30, 700)).AddSeconds(random.Next(86_400));
        var lastSeen = epoch.AddDays(generation).AddSeconds(-random.Next(43_200));
        var id = string.Create(CultureInfo.InvariantCulture, $"{machine.Id}_{facts.SoftwareName}_{facts.SoftwareVersion}__");
        return new SimulatedFinding(id, machine, facts, firstSeen, lastSeen);
    }
}
