using Hangfire.Server;
using PatchHound.Infrastructure.Leases;

namespace PatchHound.Jobs.Platform;

/// <summary>
/// Runs work only while holding a lease: skipped when another worker holds it, cancelled
/// when the lease is lost mid-way. The one lease mechanism every job uses.
/// </summary>
public sealed class ExclusiveRunner(JobLeases leases)
{
    /// <returns>False when the work was skipped because another worker holds the lease.</returns>
    public async Task<bool> RunAsync(string key, PerformContext? job, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var lease = await leases.TryTakeAsync(key, cancellationToken);
        if (lease is null)
        {
            JobProgress.Report(job, $"skipped: another worker holds lease {key}");
            return false;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        await work(stop.Token);
        return true;
    }
}
