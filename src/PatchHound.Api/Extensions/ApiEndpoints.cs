using System.Reflection;

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
        return app;
    }

    private sealed record ServiceInfo(string Name, string Version, string Liveness, string Readiness);
}
