using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatchHound.Infrastructure.Ai;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.Jobs.Ai;
using PatchHound.Jobs.Enrichment;
using PatchHound.Jobs.Platform;

namespace PatchHound.Jobs;

/// <summary>The job classes and what they need; the worker runs them, the API only enqueues.</summary>
public static class JobsRegistration
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.AddJobStorage();
        builder.Services.AddSingleton<ActiveTenants>();
        builder.Services.AddSingleton<TenantJobScope>();
        builder.Services.AddSingleton<ExclusiveRunner>();
        builder.Services.AddSingleton<TenantSweepRunner>();
        builder.Services.AddEnrichment(builder.Configuration);
        builder.Services.AddTransient<EnrichmentJob>();
        builder.Services.AddAiRemediation(builder.Configuration);
        builder.Services.AddTransient<AiRemediationJob>();
        builder.Services.AddTransient<AiRemediationSweepJob>();
        return builder;
    }
}
