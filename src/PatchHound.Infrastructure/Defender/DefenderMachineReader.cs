using System.Text.Json;

namespace PatchHound.Infrastructure.Defender;

internal sealed class DefenderMachineReader : IJsonRecordReader<DefenderMachine>
{
    public static DefenderMachineReader Instance { get; } = new();

    public DefenderMachine Read(ref Utf8JsonReader reader, RecordLocation location)
    {
        JsonFields.ExpectObject(ref reader, location);
        string? id = null, dnsName = null, platform = null, osVersion = null, version = null;
        string? health = null, risk = null, exposure = null, rbacGroupId = null, rbacGroupName = null, aadDeviceId = null;
        string? deviceValue = null, onboarding = null, lastIp = null, architecture = null;
        bool? aadJoined = null;
        DateTimeOffset? firstSeen = null, lastSeen = null;
        IReadOnlyList<string> tags = [];

        while (JsonFields.NextProperty(ref reader, out var name))
        {
            switch (name)
            {
                case "id": id = JsonFields.String(ref reader, location, name); break;
                case "computerDnsName": dnsName = JsonFields.String(ref reader, location, name); break;
                case "osPlatform": platform = JsonFields.String(ref reader, location, name); break;
                case "osVersion": osVersion = JsonFields.String(ref reader, location, name); break;
                case "version": version = JsonFields.String(ref reader, location, name); break;
                case "firstSeen": firstSeen = JsonFields.Timestamp(ref reader, location, name); break;
                case "lastSeen": lastSeen = JsonFields.Timestamp(ref reader, location, name); break;
                case "healthStatus": health = JsonFields.String(ref reader, location, name); break;
                case "riskScore": risk = JsonFields.String(ref reader, location, name); break;
                case "exposureLevel": exposure = JsonFields.String(ref reader, location, name); break;
                case "machineTags": tags = JsonFields.Strings(ref reader, location, name); break;
                case "rbacGroupId": rbacGroupId = JsonFields.StringOrNumber(ref reader, location, name); break;
                case "rbacGroupName": rbacGroupName = JsonFields.String(ref reader, location, name); break;
                case "aadDeviceId": aadDeviceId = JsonFields.String(ref reader, location, name); break;
                case "isAadJoined": aadJoined = JsonFields.Boolean(ref reader, location, name); break;
                case "deviceValue": deviceValue = JsonFields.String(ref reader, location, name); break;
                // The property table spells it "onboardingstatus", payloads "onboardingStatus".
                case "onboardingStatus" or "onboardingstatus": onboarding = JsonFields.String(ref reader, location, name); break;
                case "lastIpAddress": lastIp = JsonFields.String(ref reader, location, name); break;
                case "osArchitecture": architecture = JsonFields.String(ref reader, location, name); break;
                default: JsonFields.Skip(ref reader); break;
            }
        }

        return new DefenderMachine(
            JsonFields.Usable(id, "id"),
            dnsName,
            platform,
            // The machine resource documents the OS version as "version"; some payloads call it "osVersion".
            osVersion ?? version,
            firstSeen,
            JsonFields.Required(lastSeen, location, "lastSeen"),
            health,
            risk,
            exposure,
            tags)
        {
            RbacGroupId = rbacGroupId,
            RbacGroupName = rbacGroupName,
            AadDeviceId = aadDeviceId,
            IsAadJoined = aadJoined,
            DeviceValue = deviceValue,
            OnboardingStatus = onboarding,
            LastIpAddress = lastIp,
            OsArchitecture = architecture,
        };
    }
}
