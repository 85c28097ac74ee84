using System.Reflection;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Utils;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// Wakes this process's waiting worker threads of a queue when <see cref="Infrastructure.Persistence.JobStorageNotifications"/>
/// announces a job in it. Hangfire.PostgreSql waits on one event per queue, which it sets itself only for jobs enqueued
/// in the same process; the registry of those events is internal, so it is reached by reflection. If a package update
/// renames it, <see cref="CanWake"/> turns false (logged at start, and JobQueueWakeUpTests fails) and workers still
/// find every job by polling (<c>Jobs:QueuePollInterval</c>).
/// </summary>
public static class JobQueueWakeUp
{
    private static readonly AutoResetEventRegistry? Registry =
        typeof(PostgreSqlJobQueue).GetField("_queueEventRegistry", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            as AutoResetEventRegistry;

    public static bool CanWake => Registry is not null;

    public static void Wake(string queue) => Registry?.Set(queue);
}
