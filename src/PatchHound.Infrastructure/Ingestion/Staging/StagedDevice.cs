using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Ingestion.Staging;

/// <summary>A device as one ingestion run saw it, before the merge reconciles it into <c>devices</c>.</summary>
public sealed class StagedDevice : ITenantOwned
{
    private StagedDevice()
    {
        ExternalId = string.Empty;
        Name = string.Empty;
        OsPlatform = string.Empty;
        Tags = [];
    }

    public Guid TenantId { get; private set; }

    public Guid RunId { get; private set; }

    public int BatchNumber { get; private set; }

    public string ExternalId { get; private set; }

    public string Name { get; private set; }

    public string OsPlatform { get; private set; }

    public string? OsVersion { get; private set; }

    public DateTimeOffset LastSeenAt { get; private set; }

    public string[] Tags { get; private set; }

    public string? RbacGroupId { get; private set; }

    public string? RbacGroupName { get; private set; }

    public string? AadDeviceId { get; private set; }

    public bool? IsAadJoined { get; private set; }

    public string? DeviceValue { get; private set; }

    public string? OnboardingStatus { get; private set; }

    public string? LastIpAddress { get; private set; }

    public string? OsArchitecture { get; private set; }
}
