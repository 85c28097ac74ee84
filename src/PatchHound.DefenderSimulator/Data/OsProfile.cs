namespace PatchHound.DefenderSimulator.Data;

/// <summary>An operating system family as Defender names it, with the releases a simulated device may run.</summary>
public sealed record OsProfile(
    string OsPlatform,
    string HostPrefix,
    int RbacGroupId,
    string RbacGroupName,
    IReadOnlyList<(string Version, int Build)> Releases,
    bool HasWindowsBuild)
{
    /// <summary>Weighted: most devices are Windows clients, as in most organisations.</summary>
    public static IReadOnlyList<OsProfile> Weighted { get; } = Build();

    private static OsProfile[] Build()
    {
        var windows11 = new OsProfile("Windows11", "ws", 1, "Workstations", [("22H2", 22621), ("23H2", 22631), ("24H2", 26100)], true);
        var windows10 = new OsProfile("Windows10", "ws", 1, "Workstations", [("21H2", 19044), ("22H2", 19045)], true);
        var server2022 = new OsProfile("WindowsServer2022", "srv", 2, "Servers", [("21H2", 20348)], true);
        var server2019 = new OsProfile("WindowsServer2019", "srv", 2, "Servers", [("1809", 17763)], true);
        var ubuntu = new OsProfile("Ubuntu", "lnx", 3, "Linux", [("20.04", 0), ("22.04", 0), ("24.04", 0)], false);
        var mac = new OsProfile("macOS", "mac", 4, "Mac", [("13.6", 0), ("14.5", 0), ("15.1", 0)], false);
        return [.. Enumerable.Repeat(windows11, 7), .. Enumerable.Repeat(windows10, 6), .. Enumerable.Repeat(server2022, 3),
            .. Enumerable.Repeat(server2019, 2), ubuntu, mac];
    }
}
