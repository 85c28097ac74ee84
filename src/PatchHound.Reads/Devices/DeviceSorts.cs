namespace PatchHound.Reads.Devices;

internal static class DeviceSorts
{
    /// <summary>Most exposed first: the REST list's and the page's default.</summary>
    public static readonly SortOrder<DeviceSortKey> Default = new(DeviceSortKey.RiskScore, Descending: true);
}
