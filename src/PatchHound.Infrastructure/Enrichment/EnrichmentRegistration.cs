using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Enrichment.Catalog;
using PatchHound.Infrastructure.Enrichment.Epss;
using PatchHound.Infrastructure.Enrichment.Kev;
using PatchHound.Infrastructure.Enrichment.Nvd;

namespace PatchHound.Infrastructure.Enrichment;

public static class EnrichmentRegistration
{
    /// <summary>
    /// Feed clients, the catalog updater and <see cref="EnrichmentRunner"/> (scoped: it uses the scope's
    /// PatchHoundDbContext, registered by AddPatchHoundPersistence).
    /// </summary>
    public static IServiceCollection AddEnrichment(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EnrichmentOptions>()
            .Bind(configuration.GetSection(EnrichmentOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<KevFeedClient>(ConfigureClient).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddHttpClient<EpssFeedClient>(ConfigureClient).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddHttpClient<NvdCveClient>(ConfigureClient).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddScoped<VulnerabilityCatalogUpdater>();
        services.AddScoped<EnrichmentRunner>();
        return services;
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient client) =>
        client.Timeout = services.GetRequiredService<IOptions<EnrichmentOptions>>().Value.RequestTimeout;

    // Content-Encoding gzip is undone by the handler; a .gz file is a body, decompressed by the EPSS client.
    private static SocketsHttpHandler Handler() => new() { AutomaticDecompression = DecompressionMethods.All };
}
