using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PatchHound.Infrastructure.Sweeps;

public static class SweepsRegistration
{
    /// <summary>
    /// The per-tenant sweeps, scoped: the caller creates a scope per tenant and enters the tenant
    /// (<c>db.Tenant.Enter(tenantId)</c>) before resolving and running one.
    /// </summary>
    public static IServiceCollection AddSweeps(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SweepOptions>()
            .Bind(configuration.GetSection(SweepOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>()
            .Bind(configuration.GetSection(RetentionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        // Sweeps publish what they change; a host without the hub (AddRealtime) publishes nowhere.
        services.TryAddSingleton<Realtime.IRealtimeEvents, Realtime.NoRealtimeEvents>();

        services.AddScoped<SlaCheck>();
        services.AddScoped<WorkflowTimeouts>();
        services.AddScoped<ApprovalExpiry>();
        services.AddScoped<ScanScheduler>();
        services.AddScoped<IngestionDispatch>();
        services.AddScoped<Retention>();
        services.AddScoped<DueTenants>();
        return services;
    }
}
