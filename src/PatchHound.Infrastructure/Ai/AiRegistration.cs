using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PatchHound.Infrastructure.Ai;

public static class AiRegistration
{
    /// <summary>
    /// The AI remediation services. They act for the tenant the scope has entered (<c>db.Tenant.Enter</c>) and need
    /// the persistence services (<c>AddPatchHoundPersistence</c>).
    /// </summary>
    public static IServiceCollection AddAiRemediation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AiOptions>()
            .Bind(configuration.GetSection(AiOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddHttpClient<OpenAiCompatibleClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // The client enforces Ai:Timeout per call. A redirect could carry the api-key header to another host.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddScoped<AiRemediationClaims>();
        services.AddScoped<AiRemediationPromptBuilder>();
        services.AddScoped<AiRemediationProcessor>();
        return services;
    }
}
