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
}
