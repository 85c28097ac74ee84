namespace PatchHound.Reads.Devices;

/// <summary>
/// The filters of the device list, as query parameters; all combine with AND. Checked by <see cref="DeviceFilter.Parse"/>:
/// the built-in minimal-API validation does not reach [AsParameters] records.
/// </summary>
/// <param name="Name">Part of the device name, case-insensitive.</param>
/// <param name="Os">The OS platform (e.g. Windows11), case-insensitive.</param>
/// <param name="Criticality">Low, Medium, High, Critical (repeated or comma-separated: any of them).</param>
/// <param name="MinRiskScore">Only devices whose risk score (0 to 100) is at least this.</param>
/// <param name="Tag">Only devices carrying this tag (exact).</param>
/// <param name="RbacGroup">Only devices of this machine group (the source's RBAC group name), case-insensitive.</param>
/// <param name="HasOpenFindings">true: only devices with an open finding; false: only those without.</param>
/// <param name="Software">Only devices with this product installed (the software name, exact).</param>
/// <param name="SoftwareVendor">With <paramref name="Software"/>: only that vendor's product of the name.</param>
internal sealed record DeviceFilterParameters(
    string? Name,
    string? Os,
    string[]? Criticality,
    decimal? MinRiskScore,
    string? Tag = null,
    string? RbacGroup = null,
    bool? HasOpenFindings = null,
    string? Software = null,
    string? SoftwareVendor = null);
