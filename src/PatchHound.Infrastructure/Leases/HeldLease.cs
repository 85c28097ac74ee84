using Microsoft.Extensions.Logging;

namespace PatchHound.Infrastructure.Leases;

/// <summary>
/// A lease this process holds, renewed in the background until disposed. <see cref="Lost"/> fires when a renewal
/// finds the lease taken over or expired: the work it guards must stop, because someone else may now be doing it.
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    private readonly JobLeaseStore store;
    private readonly LeaseOptions options;
    private readonly ILogger logger;
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationTokenSource stopRenewing = new();
    private readonly Task renewing;
    private int disposed;

    internal HeldLease(JobLeaseStore store, LeaseGrant grant, LeaseOptions options, ILogger logger)
    {
        this.store = store;
        this.options = options;
        this.logger = logger;
        Grant = grant;
        renewing = Task.Run(RenewUntilStoppedAsync);
    }

    public LeaseGrant Grant { get; private set; }

    public CancellationToken Lost => lost.Token;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopRenewing.CancelAsync();
        await renewing;
        if (!lost.IsCancellationRequested && !await TryReleaseAsync())
        {
            logger.LogWarning("Lease {Key} had passed to another holder before release", Grant.Key);
        }

        lost.Dispose();
        stopRenewing.Dispose();
    }

    private async Task RenewUntilStoppedAsync()
    {
        var interval = options.Duration / options.RenewalsPerDuration;
        try
        {
            while (true)
            {
                await Task.Delay(interval, stopRenewing.Token);
                DateTimeOffset? renewed;
                try
                {
                    renewed = await store.RenewAsync(Grant, options.Duration, stopRenewing.Token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database blip: keep trying while the last renewal still covers us.
                    logger.LogWarning(e, "Renewing lease {Key} failed; retrying", Grant.Key);
                    if (DateTimeOffset.UtcNow < Grant.ExpiresAt)
                    {
                        continue;
                    }

                    renewed = null;
                }

                if (renewed is null)
                {
                    logger.LogError("Lost lease {Key}; stopping the work it guards", Grant.Key);
                    await lost.CancelAsync();
                    return;
                }

                Grant = Grant with { ExpiresAt = renewed.Value };
            }
        }
        catch (OperationCanceledException) when (stopRenewing.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TryReleaseAsync()
    {
        try
        {
            return await store.ReleaseAsync(Grant, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // It expires on its own; the next holder waits at most one lease duration.
            logger.LogWarning(e, "Releasing lease {Key} failed", Grant.Key);
            return true;
        }
    }
}
