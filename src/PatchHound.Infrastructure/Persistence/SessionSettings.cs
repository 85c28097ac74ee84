using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// The PostgreSQL session settings PatchHound sets each time it opens a pooled connection, in one statement: the
/// tenant and platform flags that row-level security reads, and how the connection plans prepared statements.
/// Pooled connections are reset on return, so none of them outlives the connection's current user.
/// </summary>
public static class SessionSettings
{
    /// <summary>PostgreSQL's own choice per execution: a custom plan unless a generic one costs no more.</summary>
    public const string ChosenPlans = "auto";

    /// <summary>One generic plan per prepared statement, reused for every execution on the connection.</summary>
    public const string GenericPlans = "force_generic_plan";

    private static readonly string Sql =
        $"SELECT set_config('{RowLevelSecurity.TenantSetting}', $1, false), " +
        $"set_config('{RowLevelSecurity.PlatformSetting}', $2, false), set_config('plan_cache_mode', $3, false)";

    public static NpgsqlCommand Command(NpgsqlConnection connection, Guid? tenantId, bool platformScope, bool genericPlans)
    {
        var command = new NpgsqlCommand(Sql, connection);
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

    private static NpgsqlParameter[] Parameters(Guid? tenantId, bool platformScope, bool genericPlans) =>
    [
        new() { Value = tenantId?.ToString() ?? string.Empty },
        new() { Value = platformScope ? "on" : "off" },
        new() { Value = genericPlans ? GenericPlans : ChosenPlans },
    ];
}
