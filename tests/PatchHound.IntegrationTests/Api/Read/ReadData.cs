using PatchHound.Core.Findings;

namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>
/// Tenant A's seeded devices and findings, by label. Days are relative to <see cref="ReadApiFixture.Now"/>; the SLA
/// state in each comment is the one the API must report at that instant (due-soon window 3 days).
/// </summary>
public sealed record ReadData(IReadOnlyDictionary<string, Guid> Devices, IReadOnlyDictionary<string, Guid> Findings)
{
    // CVE-2026-0001 Critical KEV EPSS .9 | 0002 High EPSS .5 | 0003 Medium EPSS .05 | 0004 Low no EPSS | 0005 None EPSS .2
    public static readonly IReadOnlyList<FindingSeed> Seeds =
    [
        new("F1", "dev1", "CVE-2026-0001", "openssl", FindingStatus.Open, -10, -3),            // Breached
        new("F2", "dev1", "CVE-2026-0002", "nginx", FindingStatus.Open, -5, 2),                // DueSoon
        new("F3", "dev2", "CVE-2026-0002", "nginx", FindingStatus.Open, -5, 20),               // WithinSla
        new("F4", "dev2", "CVE-2026-0003", "libxml2", FindingStatus.Resolved, -40, -5, -1),    // none (resolved, was past due)
        new("F5", "dev2", "CVE-2026-0005", "tzdata", FindingStatus.Open, -2, null),            // NoSla
        new("F6", "dev3", "CVE-2026-0004", "excel, \"quoted\"\nline", FindingStatus.Open, -1, 100), // WithinSla
        new("F7", "dev3", "CVE-2026-0001", "=HYPERLINK(\"http://evil\")", FindingStatus.RiskAccepted, -15, -8), // none (accepted)
        new("F8", "dev1", "CVE-2026-0003", "+sum", FindingStatus.Resolved, -60, 30, -20),      // none (resolved)
        new("F9", "dev3", "CVE-2026-0002", "-minus", FindingStatus.Open, -3, 2),               // DueSoon (ties F2's deadline)
        new("F10", "dev2", "CVE-2026-0001", "@at", FindingStatus.Open, -10, -3),               // Breached (ties F1 on every key)
        new("F11", "dev1", "CVE-2026-0004", "boundary-now", FindingStatus.Open, -30, 0),       // Breached: due exactly now
        new("F12", "dev2", "CVE-2026-0004", "boundary-soon", FindingStatus.Open, -30, 3),      // DueSoon: due exactly now + 3 days
    ];

    public Guid[] FindingIds(params string[] labels) => labels.Select(l => Findings[l]).ToArray();
}
