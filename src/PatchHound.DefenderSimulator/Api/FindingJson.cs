using System.Globalization;
using System.Text.Json;
using PatchHound.DefenderSimulator.Data;
using PatchHound.DefenderSimulator.Faults;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>
/// A row of the software vulnerabilities export (AssetVulnerability) as Defender sends it; a row of software without a
/// known vulnerability carries null CVE, score, severity and update fields, like the documentation's example.
/// </summary>
public static class FindingJson
{
    // The export's timestamps are strings without 'T' or zone, e.g. "2020-12-30 14:17:26".
    private const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    public static void Write(Utf8JsonWriter json, SimulatedFinding finding, FaultPlan faults, bool withoutDevice = false)
    {
        json.WriteStartObject();
        WriteFields(json, finding, faults, rbacGroupName: null, withoutDevice);
        json.WriteEndObject();
    }

    /// <summary>
    /// A row of the delta export (DeltaAssetVulnerability): the full export's fields plus <c>status</c> and
    /// <c>eventTimestamp</c> (seven fractional digits, as the documentation's example), under
    /// <paramref name="rbacGroupName"/> when the row reports the device's previous group.
    /// </summary>
    public static void WriteChange(
        Utf8JsonWriter json, SimulatedFinding finding, FaultPlan faults, string status, DateTime eventTime, string? rbacGroupName)
    {
        json.WriteStartObject();
        WriteFields(json, finding, faults, rbacGroupName);
        json.WriteBoolean("isOnboarded"u8, true);
        json.WriteString("status"u8, status);
        json.WriteString("eventTimestamp"u8, eventTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private static void WriteFields(
        Utf8JsonWriter json, SimulatedFinding finding, FaultPlan faults, string? rbacGroupName, bool withoutDevice = false)
    {
        faults.WriteExtraColumns(json);
        var wrongTypes = faults.Has(FaultKind.WrongTypes);
        var machine = finding.Machine;
        var facts = finding.Facts;
        json.WriteString("id"u8, faults.Text(finding.Id));
        if (wrongTypes)
        {
            json.WriteNumber("deviceId"u8, machine.Index);
        }
        else if (!withoutDevice)
        {
            json.WriteString("deviceId"u8, faults.Text(machine.Id));
        }

        json.WriteString("rbacGroupName"u8, faults.Text(rbacGroupName ?? machine.Os.RbacGroupName));
        json.WriteString("deviceName"u8, faults.Text(machine.ComputerDnsName));
        json.WriteString("osPlatform"u8, faults.Text(machine.Os.OsPlatform));
        json.WriteString("osVersion"u8, faults.Text(machine.OsVersion));
        json.WriteString("osArchitecture"u8, faults.Text("x64"));
        json.WriteString("softwareVendor"u8, faults.Text(facts.SoftwareVendor));
        if (!faults.Has(FaultKind.MissingRequiredField))
        {
            json.WriteString("softwareName"u8, faults.Text(facts.SoftwareName));
        }

        json.WriteString("softwareVersion"u8, faults.Text(facts.SoftwareVersion));
        json.WriteString("cveId"u8, faults.Text(facts.CveId));

        if (wrongTypes)
        {
            json.WriteString("cvssScore"u8, "high");
        }
        else
        {
            WriteNumberOrNull(json, "cvssScore"u8, facts.CvssScore);
        }

        json.WriteString("vulnerabilitySeverityLevel"u8, faults.Text(facts.Severity));
        json.WriteString("recommendedSecurityUpdate"u8, faults.Text(facts.RecommendedSecurityUpdate));
        json.WriteString("recommendedSecurityUpdateId"u8, faults.Text(facts.RecommendedSecurityUpdateId));
        json.WriteString("recommendedSecurityUpdateUrl"u8, faults.Text(facts.RecommendedSecurityUpdateUrl));
        WriteEvidence(json, machine, facts);
        json.WriteString("lastSeenTimestamp"u8, finding.LastSeen.ToString(TimestampFormat, CultureInfo.InvariantCulture));
        json.WriteString("firstSeenTimestamp"u8, finding.FirstSeen.ToString(TimestampFormat, CultureInfo.InvariantCulture));
        json.WriteString("exploitabilityLevel"u8, faults.Text(facts.ExploitabilityLevel));
        json.WriteString("recommendationReference"u8, $"va-_-{facts.SoftwareVendor}-_-{facts.SoftwareName}");
        if (wrongTypes)
        {
            json.WriteString("securityUpdateAvailable"u8, "yes");
        }
        else
        {
            json.WriteBoolean("securityUpdateAvailable"u8, facts.SecurityUpdateAvailable);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteEvidence(Utf8JsonWriter json, SimulatedMachine machine, VulnerabilityFacts facts)
    {
        var windows = machine.Os.HasWindowsBuild;
        json.WriteStartArray("diskPaths"u8);
        json.WriteStringValue(windows
            ? $@"C:\Program Files\{facts.SoftwareVendor}\{facts.SoftwareName}\{facts.SoftwareName}.exe"
            : $"/opt/{facts.SoftwareVendor}/{facts.SoftwareName}/bin/{facts.SoftwareName}");
        json.WriteEndArray();
        json.WriteStartArray("registryPaths"u8);
        if (windows)
        {
            json.WriteStringValue($@"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall\{facts.SoftwareName}");
        }

        json.WriteEndArray();
    }
}
