namespace PatchHound.ApiBenchmarks;

/// <summary>The findings indexes proposed for the read API (not in the migrations yet): created with --with-proposed-indexes.</summary>
internal static class ProposedIndexes
{
    public const string Sql = """
        CREATE INDEX ix_findings_tenant_id_sla_due_at_id ON findings (tenant_id, sla_due_at, id);
        CREATE INDEX ix_findings_tenant_id_first_seen_at_id ON findings (tenant_id, first_seen_at, id);
        """;
}
