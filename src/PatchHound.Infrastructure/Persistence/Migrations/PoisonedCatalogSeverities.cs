namespace PatchHound.Infrastructure.Persistence.Migrations;

/// <summary>
/// Resets to None the catalog severities that ingestion copied from a tenant's source before ADR 0010: a row no feed
/// ever touched (title still the CVE id, no description, no published date, no CVSS) yet rated. Idempotent.
/// </summary>
internal static class PoisonedCatalogSeverities
{
    public const string ResetSql = """
        UPDATE vulnerabilities
        SET severity = 'None'
        WHERE severity <> 'None' AND title = id AND description IS NULL AND published_at IS NULL AND cvss_v3score IS NULL
        """;
}
