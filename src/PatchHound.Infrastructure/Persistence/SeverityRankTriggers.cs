using PatchHound.Infrastructure.Ingestion;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// <c>findings.severity_rank</c>: the rank (None 0 … Critical 4) of the finding's effective severity (ADR 0010), kept
/// by the database so that the findings list can be ordered by severity along an index (tenant, status, rank, id)
/// instead of computing the expression for every finding. Two triggers keep it, whoever writes: one on findings
/// (insert, or a change of its source's severity or CVE: the merge, a reopen, a seed) and one per statement on the
/// catalog, which re-ranks the findings of every CVE whose severity an enrichment changed, in one set-based update.
/// The catalog's trigger runs as the schema owner (<c>SECURITY DEFINER</c>, like the due-tenant functions of ADR 0007):
/// an enrichment is no tenant's, and it changes only this derived column, computed from the global catalog and the
/// finding's own row. Regenerated after every migration run; the first time, existing findings are ranked.
/// A writer that knows the rank writes it (the merge computes it in its INSERT: a per-row trigger with a catalog lookup
/// nearly doubled the cost of inserting 50,000 findings); the insert trigger runs only for rows left at
/// <see cref="Unranked"/>, the column's default, and the update trigger only when the severity or CVE really changed.
/// </summary>
public static class SeverityRankTriggers
{
    public const string Column = "severity_rank";

    /// <summary>The column's default: "rank me" to the insert trigger.</summary>
    public const short Unranked = -1;

    /// <summary>The rank of an effective severity, for writers that compute it themselves.</summary>
    public static string RankOf(string catalogSeverity, string sourceSeverity) =>
        EffectiveSeveritySql.RankOf(EffectiveSeveritySql.Of(catalogSeverity, sourceSeverity));

    private const string RankFunction = "patchhound_severity_rank";

    internal static string EnsureSql() => $"""
        CREATE OR REPLACE FUNCTION {RankFunction}(catalog_severity text, source_severity text) RETURNS smallint
            LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT ({EffectiveSeveritySql.RankOf(EffectiveSeveritySql.Of("catalog_severity", "source_severity"))})::smallint $$;

        CREATE OR REPLACE FUNCTION findings_rank_severity() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.{Column} := {RankFunction}((SELECT v.severity FROM vulnerabilities v WHERE v.id = NEW.vulnerability_id), NEW.source_severity);
            RETURN NEW;
        END $$;

        CREATE OR REPLACE FUNCTION vulnerabilities_rerank_findings() RETURNS trigger
            LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
            UPDATE findings f
            SET {Column} = {RankFunction}(n.severity, f.source_severity)
            FROM changed_new n JOIN changed_old o ON o.id = n.id
            WHERE o.severity IS DISTINCT FROM n.severity AND f.vulnerability_id = n.id
              AND f.{Column} <> {RankFunction}(n.severity, f.source_severity);
            RETURN NULL;
        END $$;
        REVOKE ALL ON FUNCTION vulnerabilities_rerank_findings() FROM PUBLIC;

        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'findings_rerank_severity' AND tgrelid = 'findings'::regclass) THEN
                DROP TRIGGER IF EXISTS findings_rank_severity ON findings;
                CREATE TRIGGER findings_rank_severity
                    BEFORE INSERT ON findings
                    FOR EACH ROW WHEN (NEW.{Column} < 0) EXECUTE FUNCTION findings_rank_severity();
                CREATE TRIGGER findings_rerank_severity
                    BEFORE UPDATE OF source_severity, vulnerability_id ON findings
                    FOR EACH ROW WHEN (OLD.source_severity IS DISTINCT FROM NEW.source_severity
                                       OR OLD.vulnerability_id IS DISTINCT FROM NEW.vulnerability_id)
                    EXECUTE FUNCTION findings_rank_severity();
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'vulnerabilities_rerank_findings' AND tgrelid = 'vulnerabilities'::regclass) THEN
                CREATE TRIGGER vulnerabilities_rerank_findings
                    AFTER UPDATE ON vulnerabilities REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
                    FOR EACH STATEMENT EXECUTE FUNCTION vulnerabilities_rerank_findings();
                UPDATE findings f SET {Column} = {RankFunction}(v.severity, f.source_severity)
                FROM vulnerabilities v
                WHERE v.id = f.vulnerability_id AND f.{Column} <> {RankFunction}(v.severity, f.source_severity);
            END IF;
        END $$;
        """;
}
