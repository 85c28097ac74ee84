using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Ingestion.Staging;

/// <summary>A vulnerability on a device as one ingestion run saw it, before the merge reconciles it into <c>findings</c>.</summary>
public sealed class StagedFinding : ITenantOwned
{
    private StagedFinding()
    {
        DeviceExternalId = string.Empty;
        CveId = string.Empty;
        ProductName = string.Empty;
        Severity = string.Empty;
    }

    public Guid TenantId { get; private set; }

    public Guid RunId { get; private set; }

    public int BatchNumber { get; private set; }

    public string DeviceExternalId { get; private set; }

    public string CveId { get; private set; }

    public string ProductName { get; private set; }

    public string? ProductVersion { get; private set; }

    public string? Vendor { get; private set; }

    /// <summary>The source's severity word (Critical, High, Medium, Low), used for catalog rows the merge creates.</summary>
    public string Severity { get; private set; }

    public DateTimeOffset? FirstSeenAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public decimal? SourceCvssScore { get; private set; }

    /// <summary>An <see cref="Core.Findings.ExploitabilityLevel"/> name, or null.</summary>
    public string? ExploitabilityLevel { get; private set; }

    public bool? SecurityUpdateAvailable { get; private set; }

    public string? RecommendedSecurityUpdate { get; private set; }

    public string? RecommendedSecurityUpdateId { get; private set; }

    public string? RecommendedSecurityUpdateUrl { get; private set; }

    public string? RecommendationReference { get; private set; }

    /// <summary>A delta run's status of the row (New, Fixed, Updated); null in a full run.</summary>
    public string? ChangeStatus { get; private set; }

    /// <summary>A delta run's <c>eventTimestamp</c> of the row; null in a full run.</summary>
    public DateTimeOffset? EventAt { get; private set; }
}
