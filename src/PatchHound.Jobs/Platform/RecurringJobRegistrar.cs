using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Leases;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// Brings Hangfire's recurring jobs in line with <see cref="JobCatalog"/> when a worker starts: adds or updates
/// each (schedule from <c>Jobs:Schedules</c> or the catalog's default) and removes those the catalog no longer has.
/// One replica does it at a time, under a lease, because concurrent AddOrUpdate calls can conflict.
/// </summary>
internal sealed class RecurringJobRegistrar(
    IRecurringJobManager manager,
    JobStorage storage,
    JobLeases leases,
    IOptions<JobPlatformOptions> options,
    ILogger<RecurringJobRegistrar> logger) : IHostedService
{
    private const string LeaseKey = "recurring-job-registration";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var lease = await leases.TryTakeAsync(LeaseKey, cancellationToken);
        if (lease is null)
        {
            return;
        }

        foreach (var job in JobCatalog.Recurring)
        {
            var cron = options.Value.Schedules.GetValueOrDefault(job.Id) ?? job.DefaultCron;
            job.AddOrUpdate(manager, job, cron);
        }

        var known = JobCatalog.Recurring.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Where(j => !known.Contains(j.Id)))
        {
            manager.RemoveIfExists(stale.Id);
            logger.LogInformation("Removed recurring job {JobId}, no longer in the catalog", stale.Id);
        }

        logger.LogInformation("Recurring jobs registered: {Jobs}", string.Join(", ", known));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
