using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Core.Sla;

/// <summary>A tenant's remediation deadlines per severity; one per tenant.</summary>
public sealed class SlaPolicy : ITenantOwned
{
    public const int DefaultCriticalDays = 7;
    public const int DefaultHighDays = 30;
    public const int DefaultMediumDays = 90;
    public const int DefaultLowDays = 180;
    public const int MaxDays = 3650;

    private SlaPolicy()
    {
    }

    public SlaPolicy(Guid tenantId)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        CriticalDays = DefaultCriticalDays;
        HighDays = DefaultHighDays;
        MediumDays = DefaultMediumDays;
        LowDays = DefaultLowDays;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public int CriticalDays { get; private set; }

    public int HighDays { get; private set; }

    public int MediumDays { get; private set; }

    public int LowDays { get; private set; }

    public void Change(int criticalDays, int highDays, int mediumDays, int lowDays)
    {
        // All checked before any is applied, so a refused change leaves the policy as it was.
        var days = (
            Critical: ValidDays(criticalDays, nameof(CriticalDays)),
            High: ValidDays(highDays, nameof(HighDays)),
            Medium: ValidDays(mediumDays, nameof(MediumDays)),
            Low: ValidDays(lowDays, nameof(LowDays)));
        (CriticalDays, HighDays, MediumDays, LowDays) = days;
    }

    /// <summary>Days to remediate; null for severity None, which carries no SLA.</summary>
    public int? DaysFor(Severity severity) => severity switch
    {
        Severity.Critical => CriticalDays,
        Severity.High => HighDays,
        Severity.Medium => MediumDays,
        Severity.Low => LowDays,
        Severity.None => null,
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    public DateTimeOffset? DueAt(Severity severity, DateTimeOffset firstSeen, bool isKnownExploited, DateOnly? kevDueDate) =>
        SlaCalculator.DueAt(DaysFor(severity), firstSeen, isKnownExploited, kevDueDate);

    private static int ValidDays(int days, string field)
    {
        Guard.Rule(days is >= 1 and <= MaxDays, "sla.invalid_days", $"{field} must be between 1 and {MaxDays}.");
        return days;
    }
}
