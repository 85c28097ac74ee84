using System.Diagnostics;
using Hangfire.PostgreSql;
using Hangfire.Storage;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// Hangfire.PostgreSql's storage whose distributed locks are retried promptly. Hangfire.PostgreSql sleeps up to a
/// second between two attempts at a lock row, and a job's state lock is routinely met held for a millisecond: the
/// thread enqueuing a continuation commits (which wakes the workers, ADR 0012) and only then deletes the
/// continuation's lock row, so the woken worker, moving the job to Processing, often found the row still there and
/// slept a full second. Hangfire's schema is installed by the migrator (<c>PrepareSchemaIfNecessary</c> is off), so
/// a connection needs no lazy initialization.
/// </summary>
public sealed class PromptLockJobStorage(IConnectionFactory connectionFactory, PostgreSqlStorageOptions options)
    : PostgreSqlStorage(connectionFactory, options)
{
    public override IStorageConnection GetConnection() => new PromptLockConnection(this);
}

/// <summary>
/// Tries a held lock again after 5 ms, doubling up to Hangfire.PostgreSql's own 1 s step: a lock held for
/// milliseconds costs milliseconds, and a long wait costs no more attempts than before.
/// </summary>
public sealed class PromptLockConnection(PostgreSqlStorage storage) : PostgreSqlConnection(storage)
{
    internal static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(5);
    internal static readonly TimeSpan LastRetryDelay = TimeSpan.FromSeconds(1);

    public override IDisposable AcquireDistributedLock(string resource, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                // With no time-out Hangfire.PostgreSql makes one attempt and does not sleep.
                return base.AcquireDistributedLock(resource, TimeSpan.Zero);
            }
            catch (PostgreSqlDistributedLockException) when (waited.Elapsed < timeout)
            {
                var remaining = timeout - waited.Elapsed;
                Thread.Sleep(remaining > TimeSpan.Zero ? Min(delay, remaining) : TimeSpan.Zero);
                delay = Min(delay * 2, LastRetryDelay);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
