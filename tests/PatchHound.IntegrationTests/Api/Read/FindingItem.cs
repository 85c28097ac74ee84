namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>The fields of a listed finding the tests look at.</summary>
public sealed record FindingItem(
    Guid Id,
    Guid DeviceId,
    string DeviceName,
    string CveId,
    string Severity,
    decimal? EpssScore,
    bool IsKnownExploited,
    string ProductName,
    string Status,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? SlaDueAt,
    string? SlaState);
