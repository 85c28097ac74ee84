namespace PatchHound.Reads.Devices;

/// <summary>
/// The filters of the device list, as query parameters; all combine with AND. Checked by <see cref="DeviceFilter.Parse"/>:
/// the built-in minimal-API validation does not reach [AsParameters] records.
/// </summary>
/// <param name="Name">Part of the device name, case-insensitive.</param>
/// <param name="Os">The OS platform (e.g. Windows11), case-insensitive.</param>
/// <param name="Criticality">Low, Medium, High, Critical (repeated or comma-separated: any of them).</param>
/// <param name="MinRiskScore">Only devices whose risk score (0 to 100) is at least this.</param>
internal sealed record DeviceFilterParameters(
    string? Name,
    string? Os,
    string[]? Criticality,
    decimal? MinRiskScore);
