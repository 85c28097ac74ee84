using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Findings;

/// <summary>A vulnerability present in one product on one device, with its lifecycle and SLA deadline.</summary>
public sealed class Finding : ITenantOwned
{
    public const int ProductNameMaxLength = 256;
    public const int ProductVersionMaxLength = 128;
    public const int SecurityUpdateIdMaxLength = 128;
    public const int RecommendationReferenceMaxLength = 256;

    private Finding()
    {
        VulnerabilityId = string.Empty;
        ProductName = string.Empty;
    }

    public Finding(
        Guid tenantId,
        Guid deviceId,
        string vulnerabilityId,
        Guid sourceId,
        string productName,
        string? productVersion,
        DateTimeOffset firstSeenAt,
        DateTimeOffset? slaDueAt)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        DeviceId = Guard.Id(deviceId, "finding.device_required", "DeviceId");
        VulnerabilityId = CveId.Normalize(vulnerabilityId);
        SourceId = Guard.Id(sourceId, "finding.source_required", "SourceId");
        ProductName = Guard.Text(productName, ProductNameMaxLength, "finding.invalid_product", "ProductName");
        ProductVersion = Guard.OptionalText(productVersion, ProductVersionMaxLength, "finding.invalid_product", "ProductVersion");
        Status = FindingStatus.Open;
        FirstSeenAt = firstSeenAt.Utc();
        LastSeenAt = FirstSeenAt;
        SlaDueAt = slaDueAt.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid DeviceId { get; private set; }

    public string VulnerabilityId { get; private set; }

    public Guid SourceId { get; private set; }

    public string ProductName { get; private set; }

    public string? ProductVersion { get; private set; }

    public DateTimeOffset FirstSeenAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public FindingStatus Status { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public int ReopenCount { get; private set; }

    public DateTimeOffset? SlaDueAt { get; private set; }

    // What the tenant's source said about this finding (ADR 0010): the source's word, kept on the tenant's row and
    // refreshed on every observation, never copied into the global vulnerability catalog.

    /// <summary>The source's severity; rates the finding until enrichment rates its CVE in the catalog.</summary>
    public Severity? SourceSeverity { get; private set; }

    /// <summary>The source's CVSS score, kept next to the catalog's (NVD) score.</summary>
    public decimal? SourceCvssScore { get; private set; }

    public ExploitabilityLevel? ExploitabilityLevel { get; private set; }

    public bool? SecurityUpdateAvailable { get; private set; }

    public string? RecommendedSecurityUpdate { get; private set; }

    public string? RecommendedSecurityUpdateId { get; private set; }

    public string? RecommendedSecurityUpdateUrl { get; private set; }

    public string? RecommendationReference { get; private set; }

    /// <summary>
    /// The source still reports the finding. A resolved finding that shows up again must be reopened
    /// instead, so its comeback is counted and it gets a fresh deadline.
    /// </summary>
    public void Observe(DateTimeOffset at)
    {
        Guard.Rule(
            Status != FindingStatus.Resolved,
            "finding.observed_while_resolved",
            "A resolved finding was seen again; reopen it rather than observing it.");
        if (at > LastSeenAt)
        {
            LastSeenAt = at.Utc();
        }
    }

    public void Resolve(DateTimeOffset at)
    {
        MoveTo(FindingStatus.Resolved, "resolving", FindingStatus.Open, FindingStatus.RiskAccepted);
        ResolvedAt = at.Utc();
    }

    public void Reopen(DateTimeOffset at, DateTimeOffset? slaDueAt)
    {
        MoveTo(FindingStatus.Open, "reopening", FindingStatus.Resolved);
        ReopenCount++;
        ResolvedAt = null;
        LastSeenAt = at.Utc();
        SlaDueAt = slaDueAt.Utc();
    }

    public void AcceptRisk() => MoveTo(FindingStatus.RiskAccepted, "accepting its risk", FindingStatus.Open);

    public void ExpireRiskAcceptance() => MoveTo(FindingStatus.Open, "expiring its risk acceptance", FindingStatus.RiskAccepted);

    /// <summary>A new deadline, for instance after the tenant's SLA policy or the vulnerability's KEV status changed.</summary>
    public void ChangeSlaDueAt(DateTimeOffset? slaDueAt) => SlaDueAt = slaDueAt.Utc();

    private void MoveTo(FindingStatus to, string action, params ReadOnlySpan<FindingStatus> allowedFrom)
    {
        Guard.Rule(
            allowedFrom.Contains(Status),
            "finding.invalid_transition",
            $"A finding cannot move from {Status} to {to} by {action}.");
        Status = to;
    }
}
