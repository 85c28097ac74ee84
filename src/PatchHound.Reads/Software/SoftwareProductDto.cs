namespace PatchHound.Reads.Software;

/// <summary>
/// A product (vendor and name) across the tenant: on how many devices it is installed, in how many versions, and how
/// many open findings those devices have of it.
/// </summary>
public sealed record SoftwareProductDto(
    string Vendor,
    string Name,
    int Installs,
    int Versions,
    DateTimeOffset LastSeenAt,
    int OpenFindings);
