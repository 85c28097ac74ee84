namespace PatchHound.Reads.Devices;

/// <summary>Where a device page ended: the sort, the last row's key (the one its sort uses) and id.</summary>
internal sealed record DeviceCursor(string Sort, Guid Id, string? Name = null, decimal? RiskScore = null, DateTimeOffset? LastSeenAt = null);
