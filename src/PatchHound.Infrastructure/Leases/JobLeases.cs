using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Leases;

/// <summary>Takes leases for this process, which is one named owner (host, process, instance).</summary>
public sealed class JobLeases(JobLeaseStore store, IOptions<LeaseOptions> options, ILogger<JobLeases> logger)
{
    public static string ProcessOwner { get; } =
        $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <returns>The held lease, or null when another holder has it.</returns>
    public async Task<HeldLease?> TryTakeAsync(string key, CancellationToken cancellationToken)
    {
        var grant = await store.TryAcquireAsync(key, ProcessOwner, options.Value.Duration, cancellationToken);
        if (grant is null)
        {
            logger.LogInformation("Lease {Key} is held by {Holder}; skipping", key,
                await store.HolderAsync(key, cancellationToken) ?? "a holder whose lease just ended");
            return null;
        }

        return new HeldLease(store, grant, options.Value, logger);
    }
}
