namespace PatchHound.Reads.Software;

/// <summary>
/// One software version installed on a device, as the source's inventory reports it. An unknown vendor or version
/// is empty text. <see cref="OpenFindings"/> counts the device's open findings of this product.
/// </summary>
public sealed record InstalledSoftwareDto(
    Guid Id,
    string Vendor,
    string Name,
    string Version,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    int EvidenceCount,
    int OpenFindings);
