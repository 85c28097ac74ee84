namespace PatchHound.IntegrationTests.Api.Read;

/// <summary>The fields of a listed device the tests look at.</summary>
public sealed record DeviceItem(Guid Id, string Name, string OsPlatform, string Criticality, decimal RiskScore, int OpenFindingCount, DateTimeOffset LastSeenAt);
