using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PatchHound.Infrastructure.Defender.RateBudget;
using PatchHound.Infrastructure.Redis;
using PatchHound.Infrastructure.Secrets;

namespace PatchHound.Infrastructure.Defender;

public static class DefenderRegistration
{
    private const int MaxTokenResponseBytes = 64 * 1024;

    public static IServiceCollection AddDefender(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DefenderOptions>()
            .Bind(configuration.GetSection(DefenderOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSecretStore(configuration);

        // Time-outs are per page (request and body) in DefenderPageFetcher, not per HttpClient call.
        services.AddHttpClient(DefenderHttpClients.Api, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(NoRedirects);
        services.AddHttpClient(DefenderHttpClients.Token)
            .ConfigureHttpClient((provider, http) =>
            {
                http.Timeout = provider.GetRequiredService<IOptions<DefenderOptions>>().Value.TokenRequestTimeout;
                http.MaxResponseContentBufferSize = MaxTokenResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(NoRedirects);

        // The export files are gzip blobs read as such: no transparent decompression, whatever Content-Encoding says.
        // The factory's request logging is removed: a SAS URL's query is its signature (the runtime redacts it too).
        services.AddHttpClient<ExportFileDownloader>(DefenderHttpClients.ExportFiles, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
            .RemoveAllLoggers();

        // The rate budget is shared through Redis when the host has it (ADR 0017).
        services.AddPatchHoundRedisConnection(configuration);
        services.AddSingleton<DefenderCallBudget>();
        services.AddSingleton<DefenderTokenProviderFactory>();
        services.AddSingleton<DefenderClientFactory>();
        return services;
    }

    // A redirect would be a next hop nobody checked against the source's origin.
    private static SocketsHttpHandler NoRedirects() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
    };
}
