namespace PatchHound.Reads.Devices;

/// <summary>What the device list can be sorted by (<c>sort=name</c>, <c>sort=-riskScore</c>, ...).</summary>
internal enum DeviceSortKey
{
    Name,
    RiskScore,
    LastSeen,
}
