using PatchHound.Core.Ai;
using PatchHound.Core.Approvals;
using PatchHound.Core.Findings;
using PatchHound.Core.Ingestion;
using PatchHound.Core.Remediation;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// The platform path of the sweeps (docs/decisions/0007-sweeps-find-due-tenants-across-tenants.md): one
/// <c>SECURITY DEFINER</c> function per sweep that answers which active tenants have work due, and nothing else —
/// tenant ids, no row of theirs. Each call appends a <c>platform_access_entries</c> row inside the function, so no caller
/// can read across tenants without leaving one. Owned by the schema owner (who bypasses row-level security on the
/// tables it owns); only <see cref="RowLevelSecurity.ApplicationRole"/> may execute them. Regenerated with the policies
/// after every migration run, like them.
/// </summary>
public static class DueTenantFunctions
{
    public const string WorkflowTimeouts = "due_tenants_workflow_timeouts";
    public const string ApprovalExpiry = "due_tenants_approval_expiry";
    public const string ScanScheduler = "due_tenants_scan_scheduler";
    public const string IngestionDispatch = "due_tenants_ingestion_dispatch";
    public const string SlaCheck = "due_tenants_sla_check";
    public const string AiRemediation = "due_tenants_ai_remediation";
    public const string Retention = "due_tenants_retention";

    private const string ActiveTenant = $"SELECT id FROM tenants WHERE status = '{nameof(TenantStatus.Active)}'";

    private static readonly string EscalatableStages =
        string.Join(", ", RemediationCase.EscalatableStages.Select(s => $"'{s}'"));

    private static readonly Function[] All =
    [
        new(WorkflowTimeouts, "at timestamptz", $"""
            SELECT DISTINCT c.tenant_id FROM remediation_cases c
            WHERE c.status <> '{nameof(RemediationCaseStatus.Closed)}' AND c.stage IN ({EscalatableStages})
              AND c.stage_due_at < at
            """),
        new(ApprovalExpiry, "at timestamptz", $"""
            SELECT a.tenant_id FROM approval_requests a
            WHERE a.status = '{nameof(ApprovalStatus.Pending)}' AND a.expires_at <= at
            UNION
            SELECT f.tenant_id FROM findings f
            WHERE f.status = '{nameof(FindingStatus.RiskAccepted)}'
              AND NOT EXISTS (SELECT 1 FROM risk_acceptances r
                              WHERE r.tenant_id = f.tenant_id
                                AND (r.finding_id = f.id OR r.vulnerability_id = f.vulnerability_id OR r.device_id = f.device_id)
                                AND r.accepted_at <= at AND r.expires_at > at AND (r.revoked_at IS NULL OR r.revoked_at > at))
              AND EXISTS (SELECT 1 FROM risk_acceptances r
                          WHERE r.tenant_id = f.tenant_id
                            AND (r.finding_id = f.id OR r.vulnerability_id = f.vulnerability_id OR r.device_id = f.device_id)
                            AND (r.expires_at <= at OR r.revoked_at <= at))
            """),
        new(ScanScheduler, "at timestamptz", """
            SELECT DISTINCT p.tenant_id FROM scan_profiles p
            WHERE p.enabled AND (p.next_slot_at IS NULL OR p.next_slot_at <= at)
            """),
        new(IngestionDispatch, "at timestamptz, queued_before timestamptz", $"""
            SELECT s.tenant_id FROM source_configurations s
            WHERE s.enabled AND (s.next_slot_at IS NULL OR s.next_slot_at <= at)
            UNION
            SELECT r.tenant_id FROM ingestion_runs r
            WHERE r.status = '{nameof(IngestionRunStatus.Queued)}' AND r.queued_at < queued_before
            """),
        // Hourly, and not exact: a tenant with open findings or cases due by the horizon is visited even when it was
        // notified of all of them already. One index probe per tenant, not one tenant scope per tenant.
        new(SlaCheck, "at timestamptz, due_soon_until timestamptz", $"""
            SELECT t.id FROM tenants t
            WHERE EXISTS (SELECT 1 FROM findings f
                          WHERE f.tenant_id = t.id AND f.status = '{nameof(FindingStatus.Open)}' AND f.sla_due_at <= due_soon_until)
               OR EXISTS (SELECT 1 FROM remediation_cases c
                          WHERE c.tenant_id = t.id AND c.status <> '{nameof(RemediationCaseStatus.Closed)}'
                            AND c.stage_due_at <= due_soon_until)
            """),
        // Pending requests, and claims of workers that died (older than the claim timeout); read along a partial index
        // that holds only unfinished requests, so the cost follows the open requests, not the history.
        new(AiRemediation, "claimed_before timestamptz", $"""
            SELECT r.tenant_id FROM ai_remediation_requests r
            WHERE r.status = '{nameof(AiRemediationStatus.Pending)}'
               OR (r.status = '{nameof(AiRemediationStatus.Claimed)}' AND r.claimed_at < claimed_before)
            """),
        // Daily, and due for every active tenant (each has history ageing out): the point is the fan-out, so that
        // several workers share the day's purge in batches instead of one job visiting every tenant in turn.
        new(Retention, string.Empty, "SELECT id FROM tenants"),
    ];

    /// <summary>Idempotent: (re)creates every function and grants it to the application role only.</summary>
    internal static string EnsureSql()
    {
        var sql = new System.Text.StringBuilder();
        foreach (var function in All)
        {
            sql.AppendLine(function.CreateSql());
        }

        return sql.ToString();
    }

    private sealed record Function(string Name, string Parameters, string DueQuery)
    {
        // search_path is pinned, as for every SECURITY DEFINER function, so a caller's schema cannot shadow a table.
        public string CreateSql() => $"""
            CREATE OR REPLACE FUNCTION {Name}({Parameters}) RETURNS TABLE (tenant_id uuid)
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
            #variable_conflict use_column
            DECLARE found_count bigint;
            BEGIN
              RETURN QUERY SELECT due.tenant_id FROM ({DueQuery}) AS due(tenant_id)
                           WHERE due.tenant_id IN ({ActiveTenant}) ORDER BY 1;
              GET DIAGNOSTICS found_count = ROW_COUNT;
              INSERT INTO platform_access_entries (id, actor, reason, at)
              VALUES ({Sweeps.NotificationSql.NewId}, 'system:sweep', format('{Name}: %s due tenant(s)', found_count), now());
            END $fn$;
            REVOKE ALL ON FUNCTION {Name}({Parameters}) FROM PUBLIC;
            GRANT EXECUTE ON FUNCTION {Name}({Parameters}) TO {RowLevelSecurity.ApplicationRole};
            """;
    }
}
