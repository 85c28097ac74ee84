namespace PatchHound.IntegrationTests.Defender;

/// <summary>Records shaped like the Defender for Endpoint API documentation's examples.</summary>
internal static class DefenderPayloads
{
    public static object Machine(int number) => new Dictionary<string, object?>
    {
        ["id"] = $"machine-{number:D4}",
        ["computerDnsName"] = $"host{number}.contoso.com",
        ["firstSeen"] = "2024-01-02T03:04:05.123Z",
        ["lastSeen"] = "2024-06-01T10:00:00Z",
        ["osPlatform"] = "Windows10",
        ["version"] = "1709",
        ["osProcessor"] = "x64",
        ["osBuild"] = 18209,
        ["healthStatus"] = "Active",
        ["riskScore"] = "Low",
        ["exposureLevel"] = "Medium",
        ["machineTags"] = new[] { "test tag 1", "ExampleTag" },
        ["ipAddresses"] = new[] { new { ipAddress = "10.0.0.1", macAddress = "000000000000" } },
    };

    public static IEnumerable<object> Machines(int from, int count) => Enumerable.Range(from, count).Select(Machine);

    public static Dictionary<string, object?> Vulnerability(int number) => new()
    {
        ["id"] = $"device-{number % 3}_microsoft_edge_{number}__",
        ["cveId"] = $"CVE-2024-{1000 + number}",
        ["deviceId"] = $"device-{number % 3}",
        ["deviceName"] = $"host{number % 3}.contoso.com",
        ["osPlatform"] = "Windows10",
        ["osVersion"] = "10.0.17763.1637",
        ["osArchitecture"] = "x64",
        ["softwareVendor"] = "microsoft",
        ["softwareName"] = "edge",
        ["softwareVersion"] = "120.0.1",
        ["cvssScore"] = 7.5,
        ["vulnerabilitySeverityLevel"] = "High",
        ["recommendedSecurityUpdate"] = "December 2020 Security Updates",
        ["recommendedSecurityUpdateId"] = "4592440",
        ["diskPaths"] = new[] { @"C:\Program Files\edge.exe" },
        ["registryPaths"] = Array.Empty<string>(),
        ["lastSeenTimestamp"] = "2020-12-30 14:17:26",
        ["firstSeenTimestamp"] = "2020-12-30 11:07:15",
        ["exploitabilityLevel"] = "NoExploit",
        ["securityUpdateAvailable"] = true,
    };

    public static IEnumerable<object> Vulnerabilities(int from, int count) =>
        Enumerable.Range(from, count).Select(Vulnerability);
}
