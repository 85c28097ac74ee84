using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// The first line against double processing: Hangfire's distributed lock, tried without waiting; when another
/// worker holds it the job is cancelled (Deleted, not Failed, so it raises no retry noise). The lock is never
/// renewed and is released without an owner check, so the real guarantee is the job's lease in job_leases.
/// </summary>
/// <param name="resourceFormat">Lock name; <c>{0}</c>, <c>{1}</c>… are the job's arguments (e.g. tenant, source).</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SkipWhenRunningAttribute(string resourceFormat) : JobFilterAttribute, IServerFilter
{
    private const string LockItem = "patchhound.skip-when-running";

    internal static ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    public string ResourceFormat { get; } = resourceFormat;

    public void OnPerforming(PerformingContext context)
    {
        var resource = "patchhound:" + string.Format(System.Globalization.CultureInfo.InvariantCulture, ResourceFormat,
            context.BackgroundJob.Job.Args.ToArray()).ToLowerInvariant();
        try
        {
            context.Items[LockItem] = context.Connection.AcquireDistributedLock(resource, TimeSpan.Zero);
        }
        catch (DistributedLockTimeoutException)
        {
            LoggerFactory.CreateLogger<SkipWhenRunningAttribute>()
                .LogInformation("Job {JobId} skipped: {Resource} is running on another worker", context.BackgroundJob.Id, resource);
            context.Canceled = true;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(LockItem, out var held))
        {
            ((IDisposable)held).Dispose();
        }
    }
}
