using PatchHound.Api.Dashboard;
using PatchHound.Api.Devices;
using PatchHound.Api.Findings;
using PatchHound.Api.Software;
using PatchHound.Api.Vulnerabilities;

namespace PatchHound.Api.Reads;

internal static class ReadsRegistration
{
    /// <summary>
    /// The tenant's read models: devices, installed software, findings (list, detail, CSV export), vulnerabilities and the dashboard.
    /// Scoped, on the request's <c>PatchHoundDbContext</c>; the tenant route filter enters the tenant first.
    /// Needs <c>SweepOptions</c> (registered by <c>AddSweeps</c>) for the due-soon window.
    /// </summary>
    public static IServiceCollection AddReadApis(this IServiceCollection services)
    {
        services.AddScoped<FindingQueries>();
        services.AddScoped<DeviceQueries>();
        services.AddScoped<SoftwareQueries>();
        services.AddScoped<VulnerabilityQueries>();
        services.AddScoped<DashboardQueries>();
        return services;
    }
}
