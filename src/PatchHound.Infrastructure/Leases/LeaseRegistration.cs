using Microsoft.Extensions.DependencyInjection;

namespace PatchHound.Infrastructure.Leases;

public static class LeaseRegistration
{
    public static IServiceCollection AddJobLeases(this IServiceCollection services)
    {
        services.AddOptions<LeaseOptions>()
            .BindConfiguration(LeaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JobLeaseStore>();
        services.AddSingleton<JobLeases>();
        return services;
    }
}
