using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PatchHound.DefenderSimulator.Data;

/// <summary>
/// Real CVE ids from the KEV catalog plus synthetic ones (<c>CVE-2020-100000</c> … <c>CVE-2024-199999</c>): valid
/// in form, above any number assigned so far, so they never collide with a real CVE that enrichment might look up.
/// </summary>
public sealed partial class CveCatalog
{
    public const int SyntheticCount = 500_000;
    private const int SyntheticPerYear = 100_000;
    private const int SyntheticFirstYear = 2020;

    private static readonly string[] KevSeverities = [Severity.Critical, Severity.Critical, Severity.High, Severity.High, Severity.High, Severity.Medium];
    private static readonly string[] KevExploitability = ["ExploitIsVerified", "ExploitIsVerified", "ExploitIsInKit"];
    private readonly IReadOnlyList<KevEntry> kev;
    private readonly (string Vendor, string Product)[] kevSoftware;
    private readonly ulong seed;

    public CveCatalog(KevCatalog catalog, IOptions<SimulatorOptions> options)
    {
        kev = catalog.Entries;
        kevSoftware = [.. kev.Select(e => (SoftwareProduct.Normalize(e.Vendor), SoftwareProduct.Normalize(e.Product)))];
        seed = SeededRandom.Hash(options.Value.Seed);
        var clash = kev.FirstOrDefault(e => SyntheticIdPattern().IsMatch(e.CveId));
        if (clash is not null)
        {
            throw new InvalidOperationException($"{clash.CveId} from the KEV catalog falls in the synthetic CVE range.");
        }
    }

    public int KevCount => kev.Count;

    public static string SyntheticId(int index) => string.Create(CultureInfo.InvariantCulture,
        $"CVE-{SyntheticFirstYear + (index / SyntheticPerYear)}-{SyntheticPerYear + (index % SyntheticPerYear)}");

    /// <summary>
    /// Slot <paramref name="slot"/> of a device only ever takes CVEs whose index ≡ slot (mod slots), so the findings of
    /// one device never share a CVE and Defender's key (device, software, version, CVE) stays unique.
    /// </summary>
    public CveChoice Choose(ref SeededRandom random, int slot, int slots, double kevPercent)
    {
        if (random.Chance(kevPercent) && slot < kev.Count)
        {
            return new CveChoice(true, slot + (slots * random.Next(((kev.Count - 1 - slot) / slots) + 1)));
        }

        return new CveChoice(false, slot + (slots * random.Next(((SyntheticCount - 1 - slot) / slots) + 1)));
    }

    public VulnerabilityFacts Facts(CveChoice choice)
    {
        var random = new SeededRandom(SeededRandom.Derive(seed, SeedPurpose.Cve, choice.IsKev ? 1 : 2, choice.Index));
        string cveId, vendor, name, version, severity, exploitability;
        if (choice.IsKev)
        {
            (cveId, vendor, name) = (kev[choice.Index].CveId, kevSoftware[choice.Index].Vendor, kevSoftware[choice.Index].Product);
            version = $"{random.Next(1, 20)}.{random.Next(10)}.{random.Next(1000)}";
            severity = random.Pick(KevSeverities);
            exploitability = random.Pick(KevExploitability);
        }
        else
        {
            var product = random.Pick(SoftwareCatalog.Products);
            (cveId, vendor, name) = (SyntheticId(choice.Index), product.Vendor, product.Name);
            version = product.Version(ref random);
            var roll = random.Next(100);
            severity = roll < 8 ? Severity.Critical : roll < 38 ? Severity.High : roll < 85 ? Severity.Medium : Severity.Low;
            exploitability = random.Chance(20) ? "ExploitIsPublic" : "NoExploit";
        }

        var cvss = Severity.CvssScore(severity, ref random);
        if (vendor != "microsoft")
        {
            return new VulnerabilityFacts(cveId, vendor, name, version, severity, cvss, exploitability, null, null, null, random.Chance(70));
        }

        var month = new DateTime(2024, 1, 1).AddMonths(random.Next(24));
        var kb = (5_030_000 + random.Next(60_000)).ToString(CultureInfo.InvariantCulture);
        return new VulnerabilityFacts(cveId, vendor, name, version, severity, cvss, exploitability,
            month.ToString("MMMM yyyy", CultureInfo.InvariantCulture) + " Security Updates", kb,
            $"https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB{kb}", true);
    }

    [GeneratedRegex(@"^CVE-202[0-4]-1\d{5}$")]
    private static partial Regex SyntheticIdPattern();
}
