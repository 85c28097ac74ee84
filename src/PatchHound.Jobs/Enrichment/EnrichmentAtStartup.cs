using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Enrichment;

namespace PatchHound.Jobs.Enrichment;

/// <summary>
/// With <see cref="EnrichmentOptions.RunAtStartup"/>, applies every feed once while the worker starts. Registered
/// before the job servers, so it finishes before they take the first ingestion. A failed feed is logged, and the
/// worker starts all the same: the daily job tries again.
/// </summary>
internal sealed class EnrichmentAtStartup(
    IServiceScopeFactory scopes, IOptions<EnrichmentOptions> options, ILogger<EnrichmentAtStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.RunAtStartup)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var result = await scope.ServiceProvider.GetRequiredService<EnrichmentRunner>().RunAsync(EnrichmentFeeds.All, cancellationToken);
            logger.LogInformation("Enrichment at startup applied {Feeds}", string.Join(", ", result.Feeds.Select(f => f.Feed)));
        }
        catch (EnrichmentFailedException e)
        {
            logger.LogWarning(e, "Enrichment at startup: {Feeds} failed; the worker starts without them", string.Join(", ", e.Failures.Keys));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
