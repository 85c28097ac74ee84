using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Inventory;

/// <summary>
/// One software version on a device, as the source's inventory reports it (Defender's export lists every installed
/// product, vulnerable or not). Written only by the ingestion merge; an unknown vendor or version is empty text, so
/// the four-part key stays unique.
/// </summary>
public sealed class InstalledSoftware : ITenantOwned
{
    public const int VendorMaxLength = Limits.Name;
    public const int NameMaxLength = 256;
    public const int VersionMaxLength = 128;

    private InstalledSoftware()
    {
        Vendor = string.Empty;
        Name = string.Empty;
        Version = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid DeviceId { get; private set; }

    public Guid SourceId { get; private set; }

    public string Vendor { get; private set; }

    public string Name { get; private set; }

    public string Version { get; private set; }

    public DateTimeOffset FirstSeenAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    /// <summary>Disk and registry paths the source found the product at.</summary>
    public int EvidenceCount { get; private set; }
}
