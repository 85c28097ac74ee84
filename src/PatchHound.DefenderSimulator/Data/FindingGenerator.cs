using System.Globalization;
using Microsoft.Extensions.Options;
using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// Finding <c>slot</c> of a device in a generation, regenerated on demand. Export row <c>n</c> is device
/// <c>n / FindingsPerDevice</c>, slot <c>n % FindingsPerDevice</c>, so any page starts without walking the ones before.
/// </summary>
public sealed class FindingGenerator(CveCatalog cves, IOptions<SimulatorOptions> options)
{
    public SimulatedFinding Generate(TenantProfile tenant, SimulatedMachine machine, int slot, int generation)
    {
        var key = FindingChurn.ContentKey(tenant, machine.Index, slot, generation);
        var random = SeededRandom.For(tenant.Seed, SeedPurpose.Finding, machine.Index, slot, key);
        var facts = cves.Facts(cves.Choose(ref random, slot, tenant.FindingsPerDevice, tenant.KevPercent));
        var epoch = options.Value.Epoch.UtcDateTime;
        var firstSeen = key == 0
            ? epoch.AddDays(-random.Next(2, 400)).AddSeconds(random.Next(86_400))
            : epoch.AddDays(key).AddSeconds(-43_200 - random.Next(43_200));
        var lastSeen = epoch.AddDays(generation).AddSeconds(-random.Next(43_200));
        var id = string.Create(CultureInfo.InvariantCulture, $"{machine.Id}_{facts.SoftwareName}_{facts.SoftwareVersion}_{facts.CveId}_");
        return new SimulatedFinding(id, machine, facts, firstSeen, lastSeen);
    }
}
