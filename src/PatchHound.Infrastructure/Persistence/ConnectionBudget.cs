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
    /// <summary>Pooled connections of one API replica unless configured.</summary>
    public const int ApiMaxPoolSize = 4;

    /// <summary>Pooled connections of one worker process unless configured.</summary>
    public const int WorkerMaxPoolSize = 5;

    /// <summary>Pooled connections of any other program (tools, the migrate command) unless configured.</summary>
    public const int OtherMaxPoolSize = 10;

    /// <summary>Empty: the role's default (<see cref="MaxPoolSizeOf"/>).</summary>
    [Range(1, 500)]
    public int? MaxPoolSize { get; set; }

    /// <summary>An idle pooled connection is closed after this (Npgsql prunes every few seconds down to none).</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan ConnectionIdleLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The configured pool size, else the role's: 10 worker processes and 4 API replicas then hold at most
    /// 10 × (5 + 1) + 4 × (4 + 1) = 80 connections, listeners included (docs/connections.md).
    /// </summary>
    public int MaxPoolSizeOf(string role) => MaxPoolSize ?? role switch
    {
        HostRole.Api => ApiMaxPoolSize,
        HostRole.Worker => WorkerMaxPoolSize,
        _ => OtherMaxPoolSize,
    };
}
