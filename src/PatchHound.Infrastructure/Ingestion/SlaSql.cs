using PatchHound.Core.Sla;
using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// <see cref="SlaCalculator.DueAt"/> as SQL, for set-based writes. Days are added as hours so that the result is
/// an exact multiple of 24 hours whatever the session time zone, like <c>DateTimeOffset.AddDays</c> in UTC.
/// </summary>
internal static class SlaSql
{
    /// <summary>
    /// One row with the tenant's days per severity; a tenant without a policy row gets the
    /// <see cref="SlaPolicy"/> defaults.
    /// </summary>
    public static readonly string PolicyCte = $"""
        policy AS (
            SELECT COALESCE(max(p.critical_days), {SlaPolicy.DefaultCriticalDays}) AS critical_days,
                   COALESCE(max(p.high_days), {SlaPolicy.DefaultHighDays}) AS high_days,
                   COALESCE(max(p.medium_days), {SlaPolicy.DefaultMediumDays}) AS medium_days,
                   COALESCE(max(p.low_days), {SlaPolicy.DefaultLowDays}) AS low_days
            FROM sla_policies p WHERE p.tenant_id = @tenant)
        """;

    /// <summary><see cref="SlaPolicy.DaysFor"/>: null (no SLA) for None.</summary>
    public static string DaysFor(string severity) => $"""
        CASE {severity}
            WHEN '{nameof(Severity.Critical)}' THEN policy.critical_days
            WHEN '{nameof(Severity.High)}' THEN policy.high_days
            WHEN '{nameof(Severity.Medium)}' THEN policy.medium_days
            WHEN '{nameof(Severity.Low)}' THEN policy.low_days
        END
        """;

    /// <summary>LEAST ignores NULL, so a vulnerability without a KEV due date keeps the policy deadline.</summary>
    public static string DueAt(string days, string firstSeen, string isKnownExploited, string kevDueDate) => $"""
        CASE WHEN {days} IS NOT NULL THEN LEAST(
            {firstSeen} + make_interval(hours => {days} * 24),
            CASE WHEN {isKnownExploited} AND {kevDueDate} IS NOT NULL
                THEN ({kevDueDate} + time '23:59:59.999999') AT TIME ZONE 'UTC' END)
        END
        """;
}
