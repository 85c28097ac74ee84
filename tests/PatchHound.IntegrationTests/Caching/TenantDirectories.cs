using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Caching;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Caching;

/// <summary>A <see cref="TenantDirectory"/> whose feed never listens: every lookup reads the database.</summary>
internal static class TenantDirectories
{
    public static TenantDirectory Uncached(TestDatabase database)
    {
        var options = Options.Create(new CachingOptions());
        var feed = new CacheChangeFeed(
            CachingRegistration.ListeningDataSource(database.AppConnectionString()), options, TimeProvider.System, new NoMeters(), NullLogger<CacheChangeFeed>.Instance);
        return new TenantDirectory(feed, TimeProvider.System, options);
    }

    private sealed class NoMeters : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }
}
