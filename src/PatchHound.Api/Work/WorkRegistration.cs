using PatchHound.Api.Approvals;
using PatchHound.Api.Audit;
using PatchHound.Api.Notifications;
using PatchHound.Api.Remediation;

namespace PatchHound.Api.Work;

/// <summary>
/// The operational endpoints: remediation cases, approvals, risk acceptances, notifications, audit log.
/// Their request bodies are public records with the DataAnnotations on the constructor parameters: the .NET 10
/// validation source generator skips internal types, whose bodies would then reach the domain unchecked.
/// </summary>
internal static class WorkRegistration
{
    public static IHostApplicationBuilder AddWorkApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApprovalOptions>()
            .Bind(builder.Configuration.GetSection(ApprovalOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.DefaultAcceptanceDays <= o.MaxAcceptanceDays, "Approvals:DefaultAcceptanceDays must not exceed MaxAcceptanceDays.")
            .ValidateOnStart();
        builder.Services.AddScoped<RealtimePublisher>();
        builder.Services.AddScoped<CaseAssignment>();
        builder.Services.AddScoped<CaseCommands>();
        builder.Services.AddScoped<ApprovalDecisions>();
        builder.Services.AddScoped<RiskAcceptanceRevocation>();
        builder.Services.AddScoped<NotificationCommands>();
        return builder;
    }

    public static IEndpointRouteBuilder MapWorkApi(this IEndpointRouteBuilder app)
    {
        app.MapCasesApi();
        app.MapApprovalsApi();
        app.MapRiskAcceptancesApi();
        app.MapNotificationsApi();
        app.MapAuditLogApi();
        return app;
    }
}
