using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Scanning;

/// <summary>One scan a profile asked for, for one cron slot; created only by <see cref="ScanProfile.ScheduleFor"/>.</summary>
public sealed class ScanRequest : ITenantOwned
{
    private static readonly TransitionTable<ScanRequestStatus> Transitions = new(
        "scan_request.invalid_transition",
        "scan request",
        (ScanRequestStatus.Requested, ScanRequestStatus.Running),
        (ScanRequestStatus.Requested, ScanRequestStatus.Failed),
        (ScanRequestStatus.Running, ScanRequestStatus.Completed),
        (ScanRequestStatus.Running, ScanRequestStatus.Failed));

    private ScanRequest()
    {
    }

    internal ScanRequest(Guid tenantId, Guid scanProfileId, DateTimeOffset scheduledSlot, DateTimeOffset createdAt)
    {
        Id = Ids.New();
        TenantId = tenantId;
        ScanProfileId = scanProfileId;
        ScheduledSlot = scheduledSlot.Utc();
        Status = ScanRequestStatus.Requested;
        CreatedAt = createdAt.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid ScanProfileId { get; private set; }

    public DateTimeOffset ScheduledSlot { get; private set; }

    public ScanRequestStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void Start() => MoveTo(ScanRequestStatus.Running);

    public void Complete() => MoveTo(ScanRequestStatus.Completed);

    public void Fail() => MoveTo(ScanRequestStatus.Failed);

    private void MoveTo(ScanRequestStatus status)
    {
        Transitions.Ensure(Status, status);
        Status = status;
    }
}
