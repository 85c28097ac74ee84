using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Extensions;

internal static class DatabaseStartupExtensions
{
    public static async Task MigrateIfConfiguredAsync(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            return;
        }

        await app.Services.GetRequiredService<DatabaseMigrator>()
            .MigrateAsync(app.Configuration.MigrationsConnectionString(), app.Lifetime.ApplicationStopping);
    }
}
