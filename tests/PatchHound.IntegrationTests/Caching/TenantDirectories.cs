using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Caching;
using PatchHound.Infrastructure.Tenancy;
using PatchHound.IntegrationTests.Harness;

namespace PatchHound.IntegrationTests.Caching;

/// <summary>A <see cref="TenantDirectory"/> whose feed never listens: every lookup reads the database.</summary>
internal static class TenantDirectories
{
    public static TenantDirectory Uncached(TestDatabase database) =>
        new(CacheFeedHost.Create(database).Feed, TimeProvider.System, Options.Create(new CachingOptions()));
}
