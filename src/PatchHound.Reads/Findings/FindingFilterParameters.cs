namespace PatchHound.Reads.Findings;

/// <summary>
/// The filters of the findings list and its CSV export, as query parameters. Multi-valued ones take repeated
/// parameters or commas (<c>severity=Critical,High</c>); all filters combine with AND, values of one with OR.
/// </summary>
/// <param name="Severity">Critical, High, Medium, Low, None (the finding's effective severity: the catalog's once
/// enrichment rated the CVE, else the tenant's source's).</param>
/// <param name="Status">Open, Resolved, RiskAccepted.</param>
/// <param name="Kev">true: only known-exploited vulnerabilities (CISA KEV); false: only the others.</param>
/// <param name="MinEpss">Only findings whose EPSS probability is at least this (0 to 1); no EPSS score never matches.</param>
/// <param name="DeviceId">Only this device's findings.</param>
/// <param name="CveId">Only this vulnerability (e.g. CVE-2024-3400).</param>
/// <param name="SlaState">WithinSla, DueSoon, Breached, NoSla: open findings only (the SLA clock stops when a finding is
/// resolved or its risk accepted).</param>
/// <param name="Exploitability">NoExploit, ExploitIsPublic, ExploitIsVerified, ExploitIsInKit (the source's
/// exploitability level; a finding whose source reported none never matches).</param>
/// <param name="Product">Only findings of this product (the software name, exact).</param>
internal sealed record FindingFilterParameters(
    string[]? Severity,
    string[]? Status,
    bool? Kev,
    decimal? MinEpss,
    Guid? DeviceId,
    string? CveId,
    string[]? SlaState,
    string[]? Exploitability,
    string? Product = null);
