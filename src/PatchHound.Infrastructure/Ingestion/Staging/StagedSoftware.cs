using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Ingestion.Staging;

/// <summary>A software version on a device as a batch staged it; the merge turns it into installed software.</summary>
public sealed class StagedSoftware : ITenantOwned
{
    private StagedSoftware()
    {
        DeviceExternalId = string.Empty;
        Vendor = string.Empty;
        Name = string.Empty;
        Version = string.Empty;
    }

    public Guid TenantId { get; private set; }

    public Guid RunId { get; private set; }

    public int BatchNumber { get; private set; }

    public string DeviceExternalId { get; private set; }

    public string Vendor { get; private set; }

    public string Name { get; private set; }

    public string Version { get; private set; }

    public DateTimeOffset? FirstSeenAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public int EvidenceCount { get; private set; }

    /// <summary>A delta run's status of the row (New, Fixed, Updated); null in a full run.</summary>
    public string? ChangeStatus { get; private set; }

    /// <summary>A delta run's <c>eventTimestamp</c> of the row; null in a full run.</summary>
    public DateTimeOffset? EventAt { get; private set; }
}
