using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Inventory;

/// <summary>A machine a source reported, identified by the source's own id for it.</summary>
public sealed class Device : ITenantOwned
{
    public const int ExternalIdMaxLength = Limits.Key;
    public const int OsPlatformMaxLength = 64;
    public const int OsVersionMaxLength = 128;
    public const int TagMaxLength = 64;
    public const decimal MaxRiskScore = 100m;
    public const int RbacGroupIdMaxLength = 64;
    public const int AadDeviceIdMaxLength = 64;
    public const int IpAddressMaxLength = 64;
    public const int OsArchitectureMaxLength = 32;

    private Device()
    {
        ExternalId = string.Empty;
        Name = string.Empty;
        OsPlatform = string.Empty;
        Tags = [];
    }

    public Device(
        Guid tenantId,
        Guid sourceId,
        string externalId,
        string name,
        string osPlatform,
        string? osVersion,
        DateTimeOffset seenAt)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        SourceId = Guard.Id(sourceId, "device.source_required", "SourceId");
        ExternalId = Guard.Text(externalId, ExternalIdMaxLength, "device.invalid_external_id", "ExternalId");
        Name = ValidName(name);
        OsPlatform = ValidOsPlatform(osPlatform);
        OsVersion = ValidOsVersion(osVersion);
        Criticality = DeviceCriticality.Medium;
        Tags = [];
        FirstSeenAt = seenAt.Utc();
        LastSeenAt = FirstSeenAt;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid SourceId { get; private set; }

    public string ExternalId { get; private set; }

    public string Name { get; private set; }

    public string OsPlatform { get; private set; }

    public string? OsVersion { get; private set; }

    public DeviceCriticality Criticality { get; private set; }

    public string[] Tags { get; private set; }

    /// <summary>0 to 100; higher means more exposed.</summary>
    public decimal RiskScore { get; private set; }

    public DateTimeOffset FirstSeenAt { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    // What the source reports of the device (Defender's machine entity), refreshed on every report.

    /// <summary>The source's device group (Defender's RBAC machine group): its id and name.</summary>
    public string? RbacGroupId { get; private set; }

    public string? RbacGroupName { get; private set; }

    /// <summary>The Entra (Azure AD) device id, when the device is Entra-joined.</summary>
    public string? AadDeviceId { get; private set; }

    public bool? IsAadJoined { get; private set; }

    /// <summary>The source's value of the device (Defender: Low, Normal, High).</summary>
    public string? DeviceValue { get; private set; }

    /// <summary>The source's onboarding status (Defender: onboarded, CanBeOnboarded, Unsupported, InsufficientInfo).</summary>
    public string? OnboardingStatus { get; private set; }

    public string? LastIpAddress { get; private set; }

    /// <summary>32-bit or 64-bit, as the source reports it.</summary>
    public string? OsArchitecture { get; private set; }

    /// <summary>The source reported the device again; its details follow the latest report.</summary>
    public void Observe(string name, string osPlatform, string? osVersion, DateTimeOffset at)
    {
        Name = ValidName(name);
        OsPlatform = ValidOsPlatform(osPlatform);
        OsVersion = ValidOsVersion(osVersion);
        if (at > LastSeenAt)
        {
            LastSeenAt = at.Utc();
        }
    }

    public void ChangeCriticality(DeviceCriticality criticality) => Criticality = criticality;

    public void ReplaceTags(IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        Tags = tags
            .Select(tag => Guard.Text(tag, TagMaxLength, "device.invalid_tag", "Tag"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();
    }

    public void ChangeRiskScore(decimal riskScore)
    {
        Guard.Rule(
            riskScore is >= 0m and <= MaxRiskScore,
            "device.invalid_risk_score",
            $"RiskScore must be between 0 and {MaxRiskScore}.");
        RiskScore = Math.Round(riskScore, 2, MidpointRounding.AwayFromZero);
    }

    private static string ValidName(string name) => Guard.Text(name, Limits.Name, "device.invalid_name", "Name");

    private static string ValidOsPlatform(string osPlatform) =>
        Guard.Text(osPlatform, OsPlatformMaxLength, "device.invalid_os_platform", "OsPlatform");

    private static string? ValidOsVersion(string? osVersion) =>
        Guard.OptionalText(osVersion, OsVersionMaxLength, "device.invalid_os_version", "OsVersion");
}
