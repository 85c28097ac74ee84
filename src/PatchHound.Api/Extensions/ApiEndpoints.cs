using System.Reflection;
using PatchHound.Api.Admin;
using PatchHound.Api.Auth;
using PatchHound.Api.Ingestion;
using PatchHound.Infrastructure.Realtime;
using Scalar.AspNetCore;

namespace PatchHound.Api.Extensions;

internal static class ApiEndpoints
{
    public static WebApplication MapApiEndpoints(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.Ok(new ServiceInfo(
                "PatchHound API",
                typeof(ApiEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev",
                "/health/live",
                "/health/ready")))
            .AllowAnonymous();

        // The OpenAPI document and its interactive reference are public: they describe, they do not serve data.
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", reference => reference.WithTitle("PatchHound API")).AllowAnonymous();

        // Every endpoint group, one line each.
        app.MapDevSignIn();
        app.MapJobDashboard();
        app.MapJobAdminApi();
        app.MapIngestionRunsApi();
        app.MapNotificationsHub();
        return app;
    }

    private sealed record ServiceInfo(string Name, string Version, string Liveness, string Readiness);
}
