using Hangfire;

namespace PatchHound.Jobs.Platform;

/// <summary>One row of <see cref="JobCatalog"/>: a recurring job's id, default schedule (UTC cron) and queue.</summary>
public sealed record RecurringJobDefinition(
    string Id,
    string DefaultCron,
    string Queue,
    Action<IRecurringJobManager, RecurringJobDefinition, string> AddOrUpdate);
