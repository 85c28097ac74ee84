using Npgsql;

namespace PatchHound.Infrastructure.Leases;

/// <summary>
/// Atomic leases in <c>job_leases</c>. Taking a lease succeeds only when nobody holds it or the holder let it
/// expire; renewing and releasing match the acquisition's token, so a holder that lost its lease cannot extend or
/// free the new holder's. All times come from the database clock, never from the callers' clocks.
/// </summary>
public sealed class JobLeaseStore(NpgsqlDataSource dataSource)
{
    public async Task<LeaseGrant?> TryAcquireAsync(string key, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(key.Length, JobLease.KeyMaxLength, nameof(key));
        await using var command = dataSource.CreateCommand("""
            INSERT INTO job_leases (key, owner, token, acquired_at, renewed_at, expires_at)
            VALUES ($1, $2, $3, now(), now(), now() + $4)
            ON CONFLICT (key) DO UPDATE
               SET owner = excluded.owner, token = excluded.token, acquired_at = excluded.acquired_at,
                   renewed_at = excluded.renewed_at, expires_at = excluded.expires_at
             WHERE job_leases.expires_at < now()
            RETURNING expires_at
            """);
        var token = Guid.NewGuid();
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = Truncate(owner, JobLease.OwnerMaxLength) });
        command.Parameters.Add(new NpgsqlParameter { Value = token });
        command.Parameters.Add(new NpgsqlParameter { Value = duration });
        var expiresAt = await command.ExecuteScalarAsync(cancellationToken);
        return expiresAt is DateTime utc
            ? new LeaseGrant(key, owner, token, new DateTimeOffset(utc, TimeSpan.Zero))
            : null;
    }

    /// <returns>The new expiry, or null when the lease is no longer this grant's.</returns>
    public async Task<DateTimeOffset?> RenewAsync(LeaseGrant grant, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await using var command = dataSource.CreateCommand("""
            UPDATE job_leases SET renewed_at = now(), expires_at = now() + $3
             WHERE key = $1 AND token = $2 AND expires_at >= now()
            RETURNING expires_at
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = grant.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = grant.Token });
        command.Parameters.Add(new NpgsqlParameter { Value = duration });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime utc
            ? new DateTimeOffset(utc, TimeSpan.Zero)
            : null;
    }

    /// <returns>False when the lease had already passed to someone else (or expired and was removed).</returns>
    public async Task<bool> ReleaseAsync(LeaseGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await using var command = dataSource.CreateCommand("DELETE FROM job_leases WHERE key = $1 AND token = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = grant.Key });
        command.Parameters.Add(new NpgsqlParameter { Value = grant.Token });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The current holder, for operators and tests; null when free or expired.</summary>
    public async Task<string?> HolderAsync(string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT owner FROM job_leases WHERE key = $1 AND expires_at >= now()");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
