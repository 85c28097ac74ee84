namespace PatchHound.Infrastructure.Enrichment;

/// <summary>The feeds an enrichment run applies to the vulnerability catalog.</summary>
[Flags]
public enum EnrichmentFeeds
{
    None = 0,

    /// <summary>CISA Known Exploited Vulnerabilities.</summary>
    Kev = 1,

    /// <summary>FIRST Exploit Prediction Scoring System.</summary>
    Epss = 2,

    /// <summary>NIST National Vulnerability Database (recently modified CVEs).</summary>
    Nvd = 4,

    All = Kev | Epss | Nvd,
}
