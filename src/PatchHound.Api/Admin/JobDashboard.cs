using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using PatchHound.Api.Auth;
using PatchHound.Jobs.Platform;

namespace PatchHound.Api.Admin;

/// <summary>
/// Hangfire's dashboard at <c>/admin/jobs</c>, behind the platform-operator policy on the cookie sign-in (a browser
/// sends no bearer header when it navigates). Job pages show the progress jobs report through <see cref="JobProgress"/>.
/// </summary>
internal static class JobDashboard
{
    public const string Path = "/admin/jobs";

    public static IEndpointRouteBuilder MapJobDashboard(this IEndpointRouteBuilder app)
    {
        GlobalConfiguration.Configuration.UseJobDetailsRenderer(10, RenderProgress);
        app.MapHangfireDashboardWithAuthorizationPolicy(Policies.PlatformOperator, Path, new DashboardOptions
        {
            // The policy is the gate; Hangfire's default filter would also refuse every remote request.
            Authorization = [],
            DashboardTitle = "PatchHound jobs",
            AppPath = "/",
            DisplayStorageConnectionString = false,
            StatsPollingInterval = 10_000,
        });
        return app;
    }

    private static NonEscapedString RenderProgress(JobDetailsRendererDto context)
    {
        if (context.JobDetails.Properties is null
            || !context.JobDetails.Properties.TryGetValue(JobProgress.ParameterName, out var raw)
            || string.IsNullOrEmpty(raw))
        {
            return new NonEscapedString(string.Empty);
        }

        var text = System.Text.Json.JsonSerializer.Deserialize<string>(raw) ?? raw;
        return new NonEscapedString(
            $"<h3>Progress</h3><div class=\"alert alert-info\">{WebUtility.HtmlEncode(text)}</div>");
    }
}
