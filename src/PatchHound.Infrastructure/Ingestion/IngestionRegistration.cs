using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PatchHound.Infrastructure.Ingestion;

public static class IngestionRegistration
{
    /// <summary>
    /// <see cref="StagingWriter"/>, <see cref="IngestionMerge"/> and <see cref="StagingCleanup"/>, scoped: they use the scope's PatchHoundDbContext
    /// (registered by AddPatchHoundPersistence) and its tenant, which the caller enters first.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<StagingWriter>();
        services.AddScoped<IngestionMerge>();
        services.AddScoped<StagingCleanup>();
        return services;
    }
}
