using System.Data.Common;
using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// The PostgreSQL settings PatchHound sets at the start of every transaction, never for a session: the tenant and
/// platform flags that row-level security reads, and how the transaction plans prepared statements. All are
/// transaction-local (<c>set_config(…, true)</c>), so none outlives the transaction that set it — on a pooled
/// connection of ours, and on a server connection that a transaction-mode PgBouncer hands to another client next.
/// A command outside a transaction is its own implicit transaction, so a setting travels in the same command or batch.
/// </summary>
public static class SessionSettings
{
    /// <summary>PostgreSQL's own choice per execution: a custom plan unless a generic one costs no more.</summary>
    public const string ChosenPlans = "auto";

    /// <summary>One generic plan per prepared statement, reused for every execution on the connection.</summary>
    public const string GenericPlans = "force_generic_plan";

    /// <summary>
    /// Sets the tenant and platform flags for the current transaction and returns no rows, so that it can lead any
    /// command's text without becoming the result its reader sees first (created by the migrator).
    /// </summary>
    public const string EnterScopeProcedure = "patchhound_enter_scope";

    private const string TenantParameter = "patchhound_scope_tenant";
    private const string PlatformParameter = "patchhound_scope_platform";

    private static readonly string Sql =
        $"SELECT set_config('{RowLevelSecurity.TenantSetting}', $1, true), " +
        $"set_config('{RowLevelSecurity.PlatformSetting}', $2, true), set_config('plan_cache_mode', $3, true)";

    internal static string EnterScopeProcedureSql =>
        $"""
        CREATE OR REPLACE PROCEDURE {EnterScopeProcedure}(tenant text, platform text) LANGUAGE sql AS $$
          SELECT set_config('{RowLevelSecurity.TenantSetting}', tenant, true), set_config('{RowLevelSecurity.PlatformSetting}', platform, true)
        $$;
        GRANT EXECUTE ON PROCEDURE {EnterScopeProcedure}(text, text) TO {RowLevelSecurity.ApplicationRole};
        """;

    /// <summary>The settings as a command of their own, for the start of an explicit transaction.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid? tenantId, bool platformScope, bool genericPlans)
    {
        var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.AddRange(Parameters(tenantId, platformScope, genericPlans));
        return command;
    }

    /// <summary>The same settings as the first command of a batch, so they travel in the batch's round trip.</summary>
    public static NpgsqlBatchCommand BatchCommand(Guid? tenantId, bool platformScope, bool genericPlans)
    {
        var command = new NpgsqlBatchCommand(Sql);
        command.Parameters.AddRange(Parameters(tenantId, platformScope, genericPlans));
        return command;
    }

    /// <summary>
    /// Puts the tenant and platform flags in front of <paramref name="command"/>'s own statements, in its round trip
    /// and its transaction. A command whose parameters are positional (<c>$1</c>) gets them as literals (a uuid and
    /// <c>on</c>/<c>off</c>, nothing a caller wrote), since Npgsql does not mix positional and named parameters.
    /// </summary>
    public static void EnterScopeFirst(DbCommand command, Guid? tenantId, bool platformScope)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tenant = tenantId?.ToString() ?? string.Empty;
        var platform = platformScope ? "on" : "off";
        var positional = command.Parameters.Count > 0 &&
            command.Parameters.Cast<DbParameter>().All(p => string.IsNullOrEmpty(p.ParameterName));
        if (positional)
        {
            command.CommandText = $"CALL {EnterScopeProcedure}('{tenant}', '{platform}');{command.CommandText}";
            return;
        }

        command.CommandText = $"CALL {EnterScopeProcedure}(@{TenantParameter}, @{PlatformParameter});{command.CommandText}";
        command.Parameters.Add(new NpgsqlParameter(TenantParameter, tenant));
        command.Parameters.Add(new NpgsqlParameter(PlatformParameter, platform));
    }

    private static NpgsqlParameter[] Parameters(Guid? tenantId, bool platformScope, bool genericPlans) =>
    [
        new() { Value = tenantId?.ToString() ?? string.Empty },
        new() { Value = platformScope ? "on" : "off" },
        new() { Value = genericPlans ? GenericPlans : ChosenPlans },
    ];
}
