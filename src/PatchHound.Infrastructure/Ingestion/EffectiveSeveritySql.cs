using PatchHound.Core.Vulnerabilities;

namespace PatchHound.Infrastructure.Ingestion;

/// <summary>
/// The severity a finding is rated by (SLA days, risk weight, lists, ADR 0010): the catalog's once an enrichment feed
/// rated the CVE, else the tenant's own source's word on the finding, else None. Never another tenant's source.
/// </summary>
public static class EffectiveSeveritySql
{
    public static string Of(string catalogSeverity = "v.severity", string sourceSeverity = "f.source_severity") =>
        $"COALESCE(NULLIF({catalogSeverity}, '{nameof(Severity.None)}'), {sourceSeverity}, '{nameof(Severity.None)}')";

    /// <summary>A severity's enum value (None 0 … Critical 4), for ordering: severity is stored by name, which does not sort.</summary>
    public static string RankOf(string severity) =>
        $"CASE {severity} "
        + string.Concat(Enum.GetValues<Severity>().Where(s => s != Severity.None).Select(s => $"WHEN '{s}' THEN {(int)s} "))
        + "ELSE 0 END";

    /// <summary>The worst effective severity among a group's findings.</summary>
    public static string WorstOf(string catalogSeverity = "v.severity", string sourceSeverity = "f.source_severity") =>
        $"(array_agg({Of(catalogSeverity, sourceSeverity)} ORDER BY {RankOf(Of(catalogSeverity, sourceSeverity))} DESC))[1]";
}
