using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs.Enrichment;

/// <summary>Updates the global vulnerability catalog from the CISA KEV, NVD and EPSS feeds (daily and on demand).</summary>
public sealed class EnrichmentJob(ExclusiveRunner exclusive, IServiceScopeFactory scopes)
{
    public const string LeaseKey = "enrichment";

    [SkipWhenRunning(LeaseKey)]
    [JobDisplayName("Vulnerability catalog enrichment ({0})")]
    public Task RunAsync(EnrichmentFeeds feeds, PerformContext? job, CancellationToken cancellationToken) =>
        exclusive.RunAsync(LeaseKey, job, async stop =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<EnrichmentRunner>().RunAsync(feeds, stop);
            JobProgress.Report(job, string.Join("; ", result.Feeds.Select(f =>
                $"{f.Feed}: {f.Received} received, {f.Inserted} new, {f.Updated} updated, {f.Unchanged} unchanged, {f.Skipped} skipped")));
        }, cancellationToken);
}
