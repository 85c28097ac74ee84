using PatchHound.Core.Findings;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Reads.Dashboard;

/// <summary>
/// The dashboard's two set-based queries. Each reads the tenant's findings once, whatever their number.
/// </summary>
/// <remarks>
/// The trend is rebuilt from first_seen_at and resolved_at, the only dates a finding keeps: a finding counts as open
/// from its first sighting until it was resolved. Hence a reopened finding counts as open since it was first seen
/// (its earlier resolution is not kept), and a risk-accepted finding, whose acceptance is not dated, is left out of
/// "open at end" on every day (it is not open now either); "opened" counts every finding first seen that day.
/// </remarks>
internal static class DashboardSql
{
    private static readonly string Effective = Infrastructure.Ingestion.EffectiveSeveritySql.Of();

    private const string Open = nameof(FindingStatus.Open);
    private const string Resolved = nameof(FindingStatus.Resolved);
    private const string RiskAccepted = nameof(FindingStatus.RiskAccepted);

    // Severity is the finding's effective one (ADR 0010).
    public static readonly string Snapshot = $"""
        SELECT count(*) FILTER (WHERE {Effective} = '{nameof(Severity.Critical)}'),
               count(*) FILTER (WHERE {Effective} = '{nameof(Severity.High)}'),
               count(*) FILTER (WHERE {Effective} = '{nameof(Severity.Medium)}'),
               count(*) FILTER (WHERE {Effective} = '{nameof(Severity.Low)}'),
               count(*) FILTER (WHERE {Effective} = '{nameof(Severity.None)}'),
               count(*) FILTER (WHERE f.sla_due_at <= @now),
               count(*) FILTER (WHERE f.sla_due_at > @now AND f.sla_due_at <= @due_soon_until),
               count(*) FILTER (WHERE v.is_known_exploited),
               count(DISTINCT f.device_id) FILTER (WHERE v.is_known_exploited)
        FROM findings f
        JOIN vulnerabilities v ON v.id = f.vulnerability_id
        WHERE f.tenant_id = @tenant AND f.status = '{Open}'
        """;

    public const string Trend = $"""
        WITH days AS (
            SELECT @first_day + n AS day FROM generate_series(0, @days - 1) AS n
        ), opened AS (
            SELECT (first_seen_at AT TIME ZONE 'UTC')::date AS day, count(*) AS total,
                   count(*) FILTER (WHERE status <> '{RiskAccepted}') AS counted
            FROM findings
            WHERE tenant_id = @tenant AND first_seen_at >= @window_start
            GROUP BY 1
        ), resolved AS (
            SELECT (resolved_at AT TIME ZONE 'UTC')::date AS day, count(*) AS total
            FROM findings
            WHERE tenant_id = @tenant AND status = '{Resolved}' AND resolved_at >= @window_start
            GROUP BY 1
        ), open_before AS (
            SELECT count(*) AS total
            FROM findings
            WHERE tenant_id = @tenant AND status <> '{RiskAccepted}' AND first_seen_at < @window_start
              AND (resolved_at IS NULL OR resolved_at >= @window_start)
        )
        SELECT days.day, COALESCE(o.total, 0), COALESCE(r.total, 0),
               open_before.total + sum(COALESCE(o.counted, 0) - COALESCE(r.total, 0)) OVER (ORDER BY days.day)
        FROM days
        CROSS JOIN open_before
        LEFT JOIN opened o ON o.day = days.day
        LEFT JOIN resolved r ON r.day = days.day
        ORDER BY days.day
        """;
}
