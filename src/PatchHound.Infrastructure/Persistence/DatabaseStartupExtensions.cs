using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PatchHound.Infrastructure.Persistence;

public static class DatabaseStartupExtensions
{
    /// <summary>Applies migrations before the host serves, when <c>Database:MigrateOnStartup</c> is set.</summary>
    public static async Task MigrateIfConfiguredAsync(this IHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (!host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            return;
        }

        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.Services.GetRequiredService<DatabaseMigrator>()
            .MigrateAsync(configuration.MigrationsConnectionString(), lifetime.ApplicationStopping);
    }
}
