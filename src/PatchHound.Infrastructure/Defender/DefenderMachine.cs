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
    IReadOnlyList<string> MachineTags)
{
    /// <summary>The machine group id: a String in the property table, a number in the documented example.</summary>
    public string? RbacGroupId { get; init; }

    public string? RbacGroupName { get; init; }

    /// <summary>A GUID when the device is Entra-joined, else null.</summary>
    public string? AadDeviceId { get; init; }

    public bool? IsAadJoined { get; init; }

    /// <summary>Normal, Low or High.</summary>
    public string? DeviceValue { get; init; }

    /// <summary>onboarded, CanBeOnboarded, Unsupported or InsufficientInfo.</summary>
    public string? OnboardingStatus { get; init; }

    public string? LastIpAddress { get; init; }

    /// <summary>32-bit or 64-bit.</summary>
    public string? OsArchitecture { get; init; }
}
