using Npgsql;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL errors about the data itself, which no retry can fix: class 22 (data exceptions: a value PostgreSQL
/// cannot take, such as NUL in text or a number out of range) and class 23 (integrity violations) except the three
/// that concurrent writers cause — unique, foreign-key and exclusion violations — where the retry meets the other
/// writer's committed rows and succeeds.
/// </summary>
public static class PostgresDataErrors
{
    public static bool IsPermanent(Exception error) => Find(error) is { } postgres && IsPermanent(postgres.SqlState);

    public static bool IsPermanent(string sqlState)
    {
        ArgumentNullException.ThrowIfNull(sqlState);
        return sqlState.StartsWith("22", StringComparison.Ordinal)
            || (sqlState.StartsWith("23", StringComparison.Ordinal)
                && sqlState is not (PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation
                    or PostgresErrorCodes.ExclusionViolation));
    }

    /// <summary>The PostgreSQL error with where it happened (e.g. the COPY line of a batch), or null when there is none.</summary>
    public static string? Describe(Exception error) => Find(error) is { } postgres
        ? postgres.Where is { Length: > 0 } where ? $"{postgres.SqlState}: {postgres.MessageText} (at {where})" : $"{postgres.SqlState}: {postgres.MessageText}"
        : null;

    private static PostgresException? Find(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is PostgresException postgres)
            {
                return postgres;
            }
        }

        return null;
    }
}
