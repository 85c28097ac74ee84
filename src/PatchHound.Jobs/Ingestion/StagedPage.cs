using PatchHound.Core.Ingestion;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Ingestion;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// One source page turned into staging rows; <see cref="Records"/> counts the page's usable source records,
/// <see cref="Skipped"/> the unusable ones.
/// </summary>
public sealed record StagedPage(
    IReadOnlyList<StagedDeviceRow> Devices,
    IReadOnlyList<StagedFindingRow> Findings,
    IReadOnlyList<StagedSoftwareRow> Software,
    int Records,
    string? NextCursor)
{
    public IReadOnlyList<SkippedRecord> Skipped { get; init; } = [];

    /// <summary>Every record of the page, usable or not.</summary>
    public int AllRecords => Records + Skipped.Count;

    public static StagedPage FromMachines(SourcePage<DefenderMachine> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new StagedPage(
            page.Items.Select(m => new StagedDeviceRow(
                m.Id, m.ComputerDnsName ?? m.Id, m.OsPlatform ?? "Unknown", m.OsVersion, m.LastSeen, m.MachineTags)
            {
                RbacGroupId = m.RbacGroupId,
                RbacGroupName = m.RbacGroupName,
                AadDeviceId = m.AadDeviceId,
                IsAadJoined = m.IsAadJoined,
                DeviceValue = m.DeviceValue,
                OnboardingStatus = m.OnboardingStatus,
                LastIpAddress = m.LastIpAddress,
                OsArchitecture = m.OsArchitecture,
            }).ToList(),
            [],
            [],
            page.Items.Count,
            page.NextCursor)
        {
            Skipped = page.Skipped,
        };
    }

    /// <summary>
    /// Every export row reports a software version installed on its device; a row with a CVE id also reports a
    /// vulnerability of it (a row whose <c>cveId</c> is null is inventory only).
    /// </summary>
    public static StagedPage FromVulnerabilities(SourcePage<DefenderVulnerabilityRecord> page) => FromVulnerabilities(page, changes: false);

    /// <summary>
    /// <inheritdoc cref="FromVulnerabilities(SourcePage{DefenderVulnerabilityRecord})"/> With <paramref name="changes"/>
    /// the page is a delta's and its rows keep their status and event time (a full export's extra columns never do).
    /// </summary>
    public static StagedPage FromVulnerabilities(SourcePage<DefenderVulnerabilityRecord> page, bool changes)
    {
        ArgumentNullException.ThrowIfNull(page);
        return new StagedPage(
            [],
            page.Items.Where(v => !string.IsNullOrEmpty(v.CveId)).Select(v => new StagedFindingRow(
                v.DeviceId, v.CveId!, v.SoftwareName, v.SoftwareVersion, v.SoftwareVendor,
                v.VulnerabilitySeverityLevel ?? "Unknown", v.FirstSeenTimestamp, v.LastSeenTimestamp)
            {
                CvssScore = v.CvssScore,
                ExploitabilityLevel = v.ExploitabilityLevel,
                SecurityUpdateAvailable = v.SecurityUpdateAvailable,
                RecommendedSecurityUpdate = v.RecommendedSecurityUpdate,
                RecommendedSecurityUpdateId = v.RecommendedSecurityUpdateId,
                RecommendedSecurityUpdateUrl = v.RecommendedSecurityUpdateUrl,
                RecommendationReference = v.RecommendationReference,
                ChangeStatus = changes ? v.Status ?? ChangeStatuses.Updated : null,
                EventAt = changes ? v.EventTimestamp : null,
            }).ToList(),
            page.Items.Select(v => new StagedSoftwareRow(
                v.DeviceId, v.SoftwareVendor, v.SoftwareName, v.SoftwareVersion,
                v.FirstSeenTimestamp, v.LastSeenTimestamp, v.EvidenceCount)
            {
                ChangeStatus = changes ? v.Status ?? ChangeStatuses.Updated : null,
                EventAt = changes ? v.EventTimestamp : null,
            }).ToList(),
            page.Items.Count,
            page.NextCursor)
        {
            Skipped = page.Skipped,
        };
    }
}
