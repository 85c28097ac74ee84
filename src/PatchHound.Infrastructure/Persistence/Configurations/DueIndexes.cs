namespace PatchHound.Infrastructure.Persistence.Configurations;

/// <summary>
/// The indexes that find what the sweeps have due across all tenants (<see cref="DueTenantFunctions"/>). They lead with
/// the due instant, not the tenant, so a due query is one range scan however many tenants there are.
/// </summary>
public static class DueIndexes
{
    public const string EscalatableCases = "ix_remediation_cases_escalation_due";
    public const string PendingApprovals = "ix_approval_requests_pending_expiry";
    public const string RiskAcceptedFindings = "ix_findings_risk_accepted";
    public const string ScanProfilesNextSlot = "ix_scan_profiles_next_slot";
    public const string SourcesNextSlot = "ix_source_configurations_next_slot";
    public const string QueuedRuns = "ix_ingestion_runs_queued_since";
}
