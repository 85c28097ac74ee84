namespace PatchHound.Infrastructure.Defender;

/// <summary>
/// A device from <c>GET /api/machines</c>, reduced to what PatchHound keeps. Only <see cref="Id"/> and
/// <see cref="LastSeen"/> are required: Defender reports discovered devices without a DNS name or platform, and
/// one such device must not fail the whole page.
/// </summary>
public sealed record DefenderMachine(
    string Id,
    string? ComputerDnsName,
    string? OsPlatform,
    string? OsVersion,
    DateTimeOffset? FirstSeen,
    DateTimeOffset LastSeen,
    string? HealthStatus,
    string? RiskScore,
    string? ExposureLevel,
    IReadOnlyList<string> MachineTags);
