namespace PatchHound.DefenderSimulator.Data;

/// <summary>One device of a tenant, as the machines API describes it.</summary>
public sealed record SimulatedMachine(
    long Index,
    string Id,
    string ComputerDnsName,
    DateTime FirstSeen,
    DateTime LastSeen,
    OsProfile Os,
    string OsVersion,
    string Version,
    long? OsBuild,
    string LastIpAddress,
    string LastExternalIpAddress,
    string MacAddress,
    string AgentVersion,
    string HealthStatus,
    string RiskScore,
    string ExposureLevel,
    string DeviceValue,
    Guid? AadDeviceId,
    IReadOnlyList<string> MachineTags);
