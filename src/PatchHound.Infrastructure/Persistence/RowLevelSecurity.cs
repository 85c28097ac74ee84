using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// The second isolation wall, in PostgreSQL itself: every tenant-owned table gets a policy that
/// shows and accepts only rows of the tenant named by the session setting <c>patchhound.tenant_id</c>.
/// The application connects as a member of <see cref="ApplicationRole"/>, which owns no table and so
/// cannot bypass the policy; migrations run as the owner.
/// </summary>
public static class RowLevelSecurity
{
    public const string ApplicationRole = "patchhound_app";
    public const string TenantSetting = "patchhound.tenant_id";
    public const string PlatformSetting = "patchhound.platform_access";
    public const string PolicyName = "tenant_isolation";

    /// <summary>Tables the application may append to and read, never change.</summary>
    private static readonly string[] AppendOnlyTables = ["audit_log_entries", "platform_access_entries"];

    // Each setting is read in a scalar subquery, which PostgreSQL evaluates once per statement (an InitPlan) instead of
    // once per row: reading a setting and parsing it as a uuid for every row scanned cost several percent of a page.
    private const string Predicate =
        $"tenant_id = (SELECT NULLIF(current_setting('{TenantSetting}', true), '')::uuid) " +
        $"OR (SELECT current_setting('{PlatformSetting}', true) = 'on')";

    /// <summary>Tenant-owned tables of the model, as PostgreSQL names them.</summary>
    public static IReadOnlyList<string> TenantTables(DbContext db) =>
        db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && typeof(ITenantOwned).IsAssignableFrom(t.ClrType))
            .Select(t => t.GetTableName()!)
            .Distinct()
            .Order()
            .ToList();

    /// <summary>Idempotent: role, grants, and one policy per tenant-owned table.</summary>
    internal static string EnsureSql(IEnumerable<string> tenantTables)
    {
        var sql = new System.Text.StringBuilder();
        sql.AppendLine($"""
            DO $$ BEGIN
              CREATE ROLE {ApplicationRole} NOLOGIN;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            GRANT USAGE ON SCHEMA public TO {ApplicationRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {ApplicationRole};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ApplicationRole};
            REVOKE ALL ON TABLE "__EFMigrationsHistory" FROM {ApplicationRole};
            """);
        foreach (var table in AppendOnlyTables)
        {
            sql.AppendLine($"REVOKE UPDATE, DELETE, TRUNCATE ON TABLE {table} FROM {ApplicationRole};");
        }

        foreach (var table in tenantTables)
        {
            sql.AppendLine($"""
                ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
                DROP POLICY IF EXISTS {PolicyName} ON {table};
                CREATE POLICY {PolicyName} ON {table} USING ({Predicate}) WITH CHECK ({Predicate});
                """);
        }

        sql.AppendLine(SessionSettings.EnterScopeProcedureSql);
        return sql.ToString();
    }
}
