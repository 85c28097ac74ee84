using System.ComponentModel.DataAnnotations;

namespace PatchHound.Infrastructure.Persistence;

/// <summary>
/// The application connections one process of a host role may hold (<c>Database:Pools:{role}</c>, role <c>api</c> or
/// <c>worker</c>): Entity Framework, hand-written reads, leases and Hangfire's storage all draw from the one pool of
/// the process's <c>NpgsqlDataSource</c>, so <see cref="MaxPoolSize"/> is the whole budget; the process's one listening
/// connection (the cache and job feed) comes on top. docs/connections.md has the arithmetic.
/// </summary>
public sealed class ConnectionBudget
{
    [Range(1, 500)]
    public int MaxPoolSize { get; set; } = 10;

    /// <summary>An idle pooled connection is closed after this (Npgsql prunes every few seconds down to none).</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan ConnectionIdleLifetime { get; set; } = TimeSpan.FromSeconds(30);
}
