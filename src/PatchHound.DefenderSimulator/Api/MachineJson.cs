using System.Text.Json;
using PatchHound.DefenderSimulator.Data;
using PatchHound.DefenderSimulator.Faults;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>A machine in the List machines API's JSON: field names, casing and order as Defender sends them.</summary>
public static class MachineJson
{
    public static void Write(Utf8JsonWriter json, SimulatedMachine machine, FaultPlan faults)
    {
        json.WriteStartObject();
        WriteProperties(json, machine, faults);
        json.WriteEndObject();
    }

    public static void WriteProperties(Utf8JsonWriter json, SimulatedMachine machine, FaultPlan faults)
    {
        faults.WriteExtraColumns(json);
        var wrongTypes = faults.Has(FaultKind.WrongTypes);
        if (wrongTypes)
        {
            json.WriteNumber("id"u8, machine.Index);
        }
        else if (!faults.Has(FaultKind.MissingRequiredField))
        {
            json.WriteString("id"u8, faults.Text(machine.Id));
        }

        json.WriteString("computerDnsName"u8, faults.Text(machine.ComputerDnsName));
        json.WriteString("firstSeen"u8, machine.FirstSeen);
        json.WriteString("lastSeen"u8, machine.LastSeen);
        json.WriteString("osPlatform"u8, faults.Text(machine.Os.OsPlatform));
        json.WriteString("osVersion"u8, faults.Text(machine.OsVersion));
        json.WriteString("osProcessor"u8, faults.Text("x64"));
        json.WriteString("version"u8, faults.Text(machine.Version));
        json.WriteString("lastIpAddress"u8, machine.LastIpAddress);
        json.WriteString("lastExternalIpAddress"u8, machine.LastExternalIpAddress);
        json.WriteString("agentVersion"u8, faults.Text(machine.AgentVersion));
        if (machine.OsBuild is { } build)
        {
            json.WriteNumber("osBuild"u8, build);
        }
        else
        {
            json.WriteNull("osBuild"u8);
        }

        json.WriteString("healthStatus"u8, faults.Text(machine.HealthStatus));
        json.WriteString("deviceValue"u8, faults.Text(machine.DeviceValue));
        json.WriteNumber("rbacGroupId"u8, machine.Os.RbacGroupId);
        json.WriteString("rbacGroupName"u8, faults.Text(machine.Os.RbacGroupName));
        if (wrongTypes)
        {
            json.WriteNumber("riskScore"u8, 3);
        }
        else
        {
            json.WriteString("riskScore"u8, faults.Text(machine.RiskScore));
        }

        json.WriteString("exposureLevel"u8, faults.Text(machine.ExposureLevel));
        json.WriteBoolean("isAadJoined"u8, machine.AadDeviceId is not null);
        if (machine.AadDeviceId is { } aadDeviceId)
        {
            json.WriteString("aadDeviceId"u8, aadDeviceId);
        }
        else
        {
            json.WriteNull("aadDeviceId"u8);
        }

        WriteTags(json, machine, faults);
        json.WriteString("onboardingStatus"u8, faults.Text("Onboarded"));
        json.WriteString("osArchitecture"u8, faults.Text("64-bit"));
        json.WriteString("managedBy"u8, machine.Os.HasWindowsBuild ? "Intune" : "MicrosoftDefenderForEndpoint");
        json.WriteString("managedByStatus"u8, "Success");
        json.WriteStartArray("ipAddresses"u8);
        json.WriteStartObject();
        json.WriteString("ipAddress"u8, machine.LastIpAddress);
        json.WriteString("macAddress"u8, machine.MacAddress.ToUpperInvariant());
        json.WriteString("type"u8, "Ethernet");
        json.WriteString("operationalStatus"u8, "Up");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteNull("vmMetadata"u8);
    }

    private static void WriteTags(Utf8JsonWriter json, SimulatedMachine machine, FaultPlan faults)
    {
        if (faults.Has(FaultKind.WrongTypes))
        {
            json.WriteString("machineTags"u8, string.Join(",", machine.MachineTags));
            return;
        }

        json.WriteStartArray("machineTags"u8);
        foreach (var tag in machine.MachineTags)
        {
            json.WriteStringValue(faults.Text(tag));
        }

        json.WriteEndArray();
    }
}
