using System.Globalization;
using Microsoft.Extensions.Options;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// The real CVEs findings are drawn from: those of <see cref="NvdSnapshot"/>, the ones in the CISA KEV catalog first
/// (indexes 0 … KevCount − 1), then the others. No id is made up.
/// </summary>
public sealed class CveCatalog
{
    private static readonly string[] KevExploitability = ["ExploitIsVerified", "ExploitIsVerified", "ExploitIsInKit"];
    private readonly CatalogCve[] cves;
    private readonly SoftwareProduct?[] products;
    private readonly ulong seed;

    public CveCatalog(KevCatalog kev, IOptions<SimulatorOptions> options)
    {
        var known = kev.Entries.Select(e => e.CveId).ToHashSet(StringComparer.Ordinal);
        var snapshot = NvdSnapshot.LoadEmbedded();
        cves = [.. snapshot.Where(c => known.Contains(c.CveId)), .. snapshot.Where(c => !known.Contains(c.CveId))];
        KevCount = snapshot.Count(c => known.Contains(c.CveId));
        products = [.. cves.Select(c => SoftwareCatalog.Products.FirstOrDefault(p => p.Vendor == c.Vendor && p.Name == c.Product))];
        seed = SeededRandom.Hash(options.Value.Seed);
    }

    public int Count => cves.Length;

    public int KevCount { get; }

    public IReadOnlyList<CatalogCve> Cves => cves;

    /// <summary>
    /// Slot <paramref name="slot"/> of a device only ever takes CVEs whose index ≡ slot (mod slots), so the findings of
    /// one device never share a CVE and Defender's key (device, software, version, CVE) stays unique. A slot with no
    /// CVE of the wanted kind in its residue class takes one of the other kind.
    /// </summary>
    public CveChoice Choose(ref SeededRandom random, int slot, int slots, double kevPercent)
    {
        var kevCandidates = slot < KevCount ? ((KevCount - 1 - slot) / slots) + 1 : 0;
        var firstOther = KevCount + ((((slot - KevCount) % slots) + slots) % slots);
        var otherCandidates = firstOther < cves.Length ? ((cves.Length - 1 - firstOther) / slots) + 1 : 0;
        var wantsKev = random.Chance(kevPercent);
        if ((wantsKev && kevCandidates > 0) || otherCandidates == 0)
        {
            return new CveChoice(true, slot + (slots * random.Next(kevCandidates)));
        }

        return new CveChoice(false, firstOther + (slots * random.Next(otherCandidates)));
    }

    public VulnerabilityFacts Facts(CveChoice choice)
    {
        var cve = cves[choice.Index];
        var random = new SeededRandom(SeededRandom.Derive(seed, SeedPurpose.Cve, choice.Index));
        var version = products[choice.Index]?.Version(ref random) ?? $"{random.Next(1, 20)}.{random.Next(10)}.{random.Next(1000)}";
        var exploitability = choice.IsKev ? random.Pick(KevExploitability) : random.Chance(20) ? "ExploitIsPublic" : "NoExploit";
        var severity = Severity.FromCvss(cve.CvssScore);
        if (cve.Vendor != "microsoft")
        {
            return new VulnerabilityFacts(cve.CveId, cve.Vendor, cve.Product, version, severity, cve.CvssScore, exploitability,
                null, null, null, random.Chance(70));
        }

        var month = new DateTime(cve.Published.Year, cve.Published.Month, 1).AddMonths(1);
        var kb = (5_030_000 + random.Next(60_000)).ToString(CultureInfo.InvariantCulture);
        return new VulnerabilityFacts(cve.CveId, cve.Vendor, cve.Product, version, severity, cve.CvssScore, exploitability,
            month.ToString("MMMM yyyy", CultureInfo.InvariantCulture) + " Security Updates", kb,
            $"https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB{kb}", true);
    }
}
