using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Core.Findings;
using PatchHound.Core.Notifications;
using PatchHound.Core.Remediation;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.Infrastructure.Sweeps;

/// <summary>
/// Notifies the tenant of open findings, and case assignees of remediation stages, that are due soon or past due.
/// Set-based (one INSERT ... SELECT per kind), as a tenant may have tens of thousands of findings; the dedupe key
/// makes each notification happen once, however often and however many workers run the check.
/// </summary>
/// <remarks>
/// Findings are aggregated per vulnerability, state and UTC due date, to the tenant as a whole: findings of one CVE
/// found by the same ingestion share a deadline, so a CVE on 500 devices is one notification, not 500. Findings of
/// that CVE due on another day (new devices, reopened findings) are a new notification. The payload counts what was
/// due when the notification was created. The states follow <see cref="Core.Sla.SlaCalculator.StateAt"/>: breached
/// from the due instant on, due soon within the window before it.
/// Cases go to their assignee, once per stage and deadline. A past-due stage that can escalate is not notified
/// here: <see cref="WorkflowTimeouts"/> escalates it and notifies the escalation instead.
/// A read notification purged by <see cref="Retention"/> while its findings are still open is sent again, as a
/// reminder.
/// Each insert returns the rows it wrote (not those the dedupe key skipped), which are then pushed to their
/// recipients through <see cref="IRealtimeEvents"/>.
/// </remarks>
public sealed class SlaCheck(
    PatchHoundDbContext db, TimeProvider clock, IOptions<SweepOptions> options, IRealtimeEvents realtime, ILogger<SlaCheck> logger)
{
    private const string DueSoonState = "due-soon";
    private const string BreachedState = "breached";

    private static readonly string FindingsDueSoonSql = FindingsSql("f.sla_due_at > @now AND f.sla_due_at <= @due_soon_until");
    private static readonly string FindingsBreachedSql = FindingsSql("f.sla_due_at <= @now");
    private static readonly string CasesDueSoonSql = CasesSql("c.stage_due_at > @now AND c.stage_due_at <= @due_soon_until");

    private static readonly string CasesBreachedSql = CasesSql(
        $"c.stage_due_at <= @now AND c.stage NOT IN ({string.Join(", ", RemediationCase.EscalatableStages.Select(s => $"'{s}'"))})");

    public async Task<SlaCheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.Tenant.RequireTenantId();
        var now = clock.GetUtcNow();
        var dueSoonUntil = now.AddDays(options.Value.SlaDueSoonDays);

        var result = new SlaCheckResult(
            FindingsDueSoon: await InsertAsync(FindingsDueSoonSql, NotificationKind.SlaDueSoon, DueSoonState),
            FindingsBreached: await InsertAsync(FindingsBreachedSql, NotificationKind.SlaBreached, BreachedState),
            CasesDueSoon: await InsertAsync(CasesDueSoonSql, NotificationKind.SlaDueSoon, DueSoonState),
            CasesBreached: await InsertAsync(CasesBreachedSql, NotificationKind.SlaBreached, BreachedState));
        if (result.Total > 0)
        {
            logger.LogInformation("SLA check created {Count} notifications: {Result}", result.Total, result);
        }

        return result;

        async Task<int> InsertAsync(string sql, NotificationKind kind, string state)
        {
            // The SQL names its tenant itself (and row-level security applies); EF cannot wrap an INSERT in the
            // tenant filter's subquery, so the filter is skipped here.
            var inserted = await db.Notifications
                .FromSqlRaw(
                    sql,
                    new NpgsqlParameter("tenant", tenantId),
                    new NpgsqlParameter("now", now),
                    new NpgsqlParameter("due_soon_until", dueSoonUntil),
                    new NpgsqlParameter("kind", kind.ToString()),
                    new NpgsqlParameter("state", state))
                .IgnoreQueryFilters([TenantQueryFilter.Name])
                .AsNoTracking()
                .ToListAsync(cancellationToken);
            foreach (var notification in inserted)
            {
                await realtime.NotificationCreatedAsync(notification, cancellationToken);
            }

            return inserted.Count;
        }
    }

    private static string FindingsSql(string window) => $"""
        {NotificationSql.InsertInto}
        SELECT {NotificationSql.NewId}, @tenant, NULL, @kind,
               'sla:' || f.vulnerability_id || ':' || to_char(f.sla_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ':' || @state,
               jsonb_build_object(
                   'vulnerabilityId', f.vulnerability_id, 'title', v.title, 'severity', {EffectiveSeveritySql.WorstOf()}, 'state', @state,
                   'dueDate', to_char(f.sla_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'earliestDueAt', min(f.sla_due_at),
                   'findingCount', count(*), 'deviceCount', count(DISTINCT f.device_id)),
               @now
        FROM findings f
        JOIN vulnerabilities v ON v.id = f.vulnerability_id
        WHERE f.tenant_id = @tenant AND f.status = '{nameof(FindingStatus.Open)}' AND {window}
        GROUP BY f.vulnerability_id, v.title, to_char(f.sla_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')
        {NotificationSql.SkipExisting}
        RETURNING *
        """;

    private static string CasesSql(string window) => $"""
        {NotificationSql.InsertInto}
        SELECT {NotificationSql.NewId}, c.tenant_id, c.assignee_user_id, @kind,
               'sla:case:' || c.id || ':' || c.stage || ':'
                   || to_char(c.stage_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ':' || @state,
               jsonb_build_object(
                   'caseId', c.id, 'title', c.title, 'vulnerabilityId', c.vulnerability_id, 'stage', c.stage,
                   'state', @state, 'dueAt', c.stage_due_at),
               @now
        FROM remediation_cases c
        WHERE c.tenant_id = @tenant AND c.status <> '{nameof(RemediationCaseStatus.Closed)}' AND {window}
        {NotificationSql.SkipExisting}
        RETURNING *
        """;
}
