using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using PatchHound.Infrastructure.Tenancy;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// Applies migrations, then the row-level security policies, the job storage schema and grants, while holding a
/// PostgreSQL session advisory lock. Replicas that start together queue on the lock; the first
/// applies, the others find nothing pending. A crashed migrator's lock dies with its connection.
/// </summary>
public sealed class DatabaseMigrator(IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
{
    // "PHMIGR" in ASCII: any fixed number works, as long as nothing else in the database uses it.
    private const long MigrationLockKey = 0x50484D494752;

    public async Task<MigrationResult> MigrateAsync(string ownerConnectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ownerConnectionString);
        await using var lockConnection = new NpgsqlConnection(ownerConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await AcquireLockAsync(lockConnection, cancellationToken);
        try
        {
            var dbOptions = new DbContextOptionsBuilder<PatchHoundDbContext>()
                .UsePatchHoundPostgres(ownerConnectionString)
                .Options;
            await using var db = new PatchHoundDbContext(dbOptions, new TenantContext());

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, pending);
                await db.Database.MigrateAsync(cancellationToken);
            }
            else
            {
                logger.LogInformation("Database schema is up to date");
            }

            await db.Database.ExecuteSqlRawAsync(RowLevelSecurity.EnsureSql(RowLevelSecurity.TenantTables(db)), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(DueTenantFunctions.EnsureSql(), cancellationToken);
            await db.Database.ExecuteSqlRawAsync(SeverityRankTriggers.EnsureSql(), cancellationToken);
            await JobStorageSchema.EnsureAsync(lockConnection, cancellationToken);
            await EnsureApplicationLoginAsync(lockConnection, cancellationToken);
            return new MigrationResult(pending);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", lockConnection);
            unlock.Parameters.Add(new NpgsqlParameter { Value = MigrationLockKey });
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.Value.MigrationLockTimeout;
        var announced = false;
        while (true)
        {
            await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            tryLock.Parameters.Add(new NpgsqlParameter { Value = MigrationLockKey });
            if ((bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Another migrator held the migration lock for longer than {options.Value.MigrationLockTimeout}.");
            }

            if (!announced)
            {
                logger.LogInformation("Waiting for another migrator to finish");
                announced = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }

    private async Task EnsureApplicationLoginAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var login = options.Value.AppLogin;
        if (string.IsNullOrWhiteSpace(login))
        {
            return;
        }

        var password = options.Value.AppPassword;
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"Database:AppLogin '{login}' is set but Database:AppPassword is empty.");
        }

        if (string.Equals(login, RowLevelSecurity.ApplicationRole, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Database:AppLogin must differ from the group role '{RowLevelSecurity.ApplicationRole}' it is made a member of.");
        }

        // DDL takes no parameters: format() quotes the name and the password on the server side.
        await using var command = new NpgsqlCommand(
            $"""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)
              THEN format('ALTER ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD %L', $1, $2)
              ELSE format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD %L', $1, $2) END,
              format('GRANT {RowLevelSecurity.ApplicationRole} TO %I', $1)
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = login });
        command.Parameters.Add(new NpgsqlParameter { Value = password });

        string upsertRole, grant;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            upsertRole = reader.GetString(0);
            grant = reader.GetString(1);
        }

        try
        {
            await using var apply = new NpgsqlCommand($"{upsertRole}; {grant};", connection);
            await apply.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
            // Another database's migrator on the same server created the login a moment ago: retry as an update.
            await EnsureApplicationLoginAsync(connection, cancellationToken);
            return;
        }

        logger.LogInformation("Application login {Login} is a member of {Role}", login, RowLevelSecurity.ApplicationRole);
    }
}
