using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PatchHound.Infrastructure.Ai;
using PatchHound.Infrastructure.Defender;
using PatchHound.Infrastructure.Enrichment;
using PatchHound.Infrastructure.Ingestion;
using PatchHound.Infrastructure.Sweeps;
using PatchHound.Jobs.Ai;
using PatchHound.Jobs.Enrichment;
using PatchHound.Jobs.Ingestion;
using PatchHound.Jobs.Platform;
using PatchHound.Jobs.Sweeps;

namespace PatchHound.Jobs;

/// <summary>The job classes and what they need; the worker runs them, the API only enqueues.</summary>
public static class JobsRegistration
{
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.AddJobStorage();
        builder.Services.AddSingleton<TenantJobScope>();
        builder.Services.AddSingleton<ExclusiveRunner>();
        builder.Services.AddSingleton<TenantSweepRunner>();
        builder.Services.AddSweeps(builder.Configuration);
        builder.Services.AddTransient<IngestionDispatchJob>();
        builder.Services.AddTransient<SlaCheckJob>();
        builder.Services.AddTransient<WorkflowTimeoutsJob>();
        builder.Services.AddTransient<ApprovalExpiryJob>();
        builder.Services.AddTransient<ScanSchedulerJob>();
        builder.Services.AddTransient<RetentionJob>();
        builder.Services.AddDefender(builder.Configuration);
        builder.Services.AddIngestion();
        builder.Services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SourceLease>();
        builder.Services.AddSingleton<IngestionRunner>();
        builder.Services.AddSingleton<IngestionSuccessor>();
        builder.Services.AddSingleton<ExportFileListCache>();
        builder.Services.AddTransient<ExportFileBatch>();
        builder.Services.AddTransient<IngestionBatchJob>();
        builder.Services.AddTransient<IngestionMergeJob>();
        builder.Services.AddEnrichment(builder.Configuration);
        builder.Services.AddTransient<EnrichmentJob>();
        builder.Services.AddAiRemediation(builder.Configuration);
        builder.Services.AddTransient<AiRemediationJob>();
        builder.Services.AddTransient<AiRemediationSweepJob>();
        return builder;
    }
}
