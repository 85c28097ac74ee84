using PatchHound.Reads.Approvals;
using PatchHound.Reads.Audit;
using PatchHound.Reads.Cases;
using PatchHound.Reads.Dashboard;
using PatchHound.Reads.Devices;
using PatchHound.Reads.Findings;
using PatchHound.Reads.Ingestion;
using PatchHound.Reads.Notifications;
using PatchHound.Reads.Operator;
using PatchHound.Reads.Settings;
using PatchHound.Reads.Software;
using PatchHound.Reads.Sources;
using PatchHound.Reads.Vulnerabilities;

namespace PatchHound.Reads;

internal static class ReadsRegistration
{
    /// <summary>
    /// The tenant's read models: remediation cases, approval requests and risk acceptances, audit trails, devices, installed software, findings (list, detail, CSV export), vulnerabilities and the dashboard.
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
        services.AddScoped<NotificationQueries>();
        services.AddScoped<SourceQueries>();
        services.AddScoped<IngestionRunQueries>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<ApprovalQueries>();
        services.AddScoped<RiskAcceptanceQueries>();
        services.AddScoped<SettingsQueries>();
        services.AddScoped<AuditLogQueries>();
        services.AddScoped<OperatorQueries>();
        return services;
    }
}
