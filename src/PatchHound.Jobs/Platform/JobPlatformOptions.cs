using System.ComponentModel.DataAnnotations;

namespace PatchHound.Jobs.Platform;

/// <summary>Bound from <c>Jobs</c>. The defaults and the reasons for them are in the README.</summary>
public sealed class JobPlatformOptions
{
    public const string Section = "Jobs";

    /// <summary>Fallback poll when a wake-up is missed (no listening connection, PgBouncer); wake-ups start jobs at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:05:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Hangfire.PostgreSql's own LISTEN per waiting worker thread: one connection each. Off: the process's one
    /// listening connection wakes the workers (JobQueueWakeUp); kept only to measure the difference.
    /// </summary>
    public bool EnableLongPolling { get; set; }

    /// <summary>A fetched job that is no longer renewed (its worker died) is redelivered after this.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "06:00:00")]
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Age at which Hangfire's own lock rows are broken. PatchHound's leases do not depend on it; it is kept below the
    /// lease duration so that a crashed worker's lock row never blocks a job for longer than its lease does.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a stopping worker lets running jobs finish before cancelling them (they are requeued).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Workers per queue; a queue with 0 workers is not served by this host.</summary>
    public Dictionary<string, int> Workers { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [JobQueues.Critical] = 2,
        [JobQueues.Default] = 2,
        [JobQueues.Ingestion] = 4,
        [JobQueues.Ai] = 2,
    };

    [Range(0, 20)]
    public int RetryAttempts { get; set; } = 5;

    /// <summary>
    /// Delay before retry n (the last value repeats). Empty means <see cref="DefaultRetryDelaysInSeconds"/>: the
    /// configuration binder appends to a pre-filled array instead of replacing it.
    /// </summary>
    public int[] RetryDelaysInSeconds { get; set; } = [];

    public static IReadOnlyList<int> DefaultRetryDelaysInSeconds { get; } = [30, 120, 600, 1800, 3600];

    public int[] EffectiveRetryDelaysInSeconds =>
        RetryDelaysInSeconds.Length > 0 ? RetryDelaysInSeconds : [.. DefaultRetryDelaysInSeconds];

    /// <summary>Cron (UTC) per recurring job id, overriding the catalog's default.</summary>
    public Dictionary<string, string> Schedules { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
