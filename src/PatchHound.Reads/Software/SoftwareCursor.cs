namespace PatchHound.Reads.Software;

/// <summary>Where a software page ended: the last row's vendor, name and (for a device's list) version.</summary>
internal sealed record SoftwareCursor(string Vendor, string Name, string? Version = null);
