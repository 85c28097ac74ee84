using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Leases;

namespace PatchHound.Jobs.Ingestion;

/// <summary>
/// One lease per source: at most one step of any run of a source executes at a time. A step waits for it a little
/// longer than one lease duration (enough for a crashed holder's lease to expire), then gives up so Hangfire retries.
/// </summary>
public sealed class SourceLease(JobLeases leases, IOptions<LeaseOptions> options)
{
    public static string Key(Guid sourceId) => $"ingestion:{sourceId}";

    public async Task<HeldLease> TakeAsync(Guid sourceId, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.Value.Duration + TimeSpan.FromSeconds(5);
        while (true)
        {
            var lease = await leases.TryTakeAsync(Key(sourceId), cancellationToken);
            if (lease is not null)
            {
                return lease;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Source {sourceId} stayed busy with another step for longer than its lease.");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
