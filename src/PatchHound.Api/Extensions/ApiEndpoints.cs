using System.Reflection;
using PatchHound.Api.Admin;
using PatchHound.Api.Admin.Tenants;
using PatchHound.Api.ApiKeys;
using PatchHound.Api.Auth;
using PatchHound.Api.Dashboard;
using PatchHound.Api.Devices;
using PatchHound.Api.Findings;
using PatchHound.Api.Ingestion;
using PatchHound.Api.Sla;
using PatchHound.Api.Software;
using PatchHound.Api.Sources;
using PatchHound.Api.Tenancy;
using PatchHound.Api.Validation;
using PatchHound.Api.Vulnerabilities;
using PatchHound.Api.Work;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Web;
using Scalar.AspNetCore;

namespace PatchHound.Api.Extensions;

internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        // The web UI answers "/" (ADR 0008); the service description moved here.
        app.MapGet("/api", () => TypedResults.Ok(new ServiceInfo(
                "PatchHound API",
                typeof(ApiEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
                "/health/live",
                "/health/ready")))
            .AllowAnonymous();

        // The OpenAPI document and its interactive reference are public: they describe, they do not serve data.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", reference => reference.WithTitle("PatchHound API")).AllowAnonymous();

        // Every endpoint group, one line each, under one root that resolves the tenant, then refuses text PostgreSQL
        // cannot store, then validates request objects.
        var api = app.MapGroup(string.Empty)
            .AddEndpointFilter<TenantRouteFilter>()
            .AddEndpointFilterFactory(StorableTextFilter.Factory)
            .AddEndpointFilterFactory(RequestValidation.Factory);
        api.MapDevSignIn();
        api.MapJobDashboard();
        api.MapJobAdminApi();
        api.MapIngestionRunsApi();
        api.MapTenantsAdminApi();
        api.MapMembershipsAdminApi();
        api.MapSourcesApi();
        api.MapSlaPolicyApi();
        api.MapDevicesApi();
        api.MapSoftwareApi();
        api.MapFindingsApi();
        api.MapVulnerabilitiesApi();
        api.MapDashboardApi();
        api.MapDevTokens();
        api.MapCallerApi();
        api.MapApiKeysApi();
        api.MapWorkApi();
        api.MapNotificationsHub();
        app.MapPatchHoundWebUi();
        return app;
    }

    private sealed record ServiceInfo(string Name, string Version, string Liveness, string Readiness);
}
