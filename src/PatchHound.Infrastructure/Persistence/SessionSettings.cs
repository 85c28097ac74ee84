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

    public static NpgsqlCommand Command(NpgsqlConnection connection, Guid? tenantId, bool platformScope, bool genericPlans)
    {
        var command = new NpgsqlCommand(
            $"SELECT set_config('{RowLevelSecurity.TenantSetting}', $1, false), " +
            $"set_config('{RowLevelSecurity.PlatformSetting}', $2, false), set_config('plan_cache_mode', $3, false)",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId?.ToString() ?? string.Empty });
        command.Parameters.Add(new NpgsqlParameter { Value = platformScope ? "on" : "off" });
        command.Parameters.Add(new NpgsqlParameter { Value = genericPlans ? GenericPlans : ChosenPlans });
        return command;
    }
}
