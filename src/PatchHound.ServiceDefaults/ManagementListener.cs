using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// A second Kestrel listener, <c>Management:Port</c>, that serves the Prometheus scrape endpoint <c>/metrics</c> and
/// nothing else. The public listener never serves it: the branch is chosen by the port the connection arrived on, not by
/// the Host header a client chooses, and it runs before the application's pipeline (authentication, UI, API).
/// </summary>
public static class ManagementListener
{
    public const string PortKey = "Management:Port";
    public const string MetricsPath = "/metrics";

    public static int? Port(IConfiguration configuration) =>
        int.TryParse(configuration[PortKey], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : null;

    internal static void AddManagementListener(this IHostApplicationBuilder builder, int port)
    {
        if (builder is WebApplicationBuilder web)
        {
            web.WebHost.UseUrls([.. PublicUrls(builder.Configuration), $"http://*:{port}"]);
        }

        builder.Services.AddSingleton<IStartupFilter>(new ManagementBranch(port));
    }

    /// <summary>
    /// The listeners the host would have had: <c>urls</c> (ASPNETCORE_URLS, --urls), else <c>http_ports</c>
    /// (ASPNETCORE_HTTP_PORTS, as in the images), else Kestrel's default.
    /// </summary>
    internal static IEnumerable<string> PublicUrls(IConfiguration configuration)
    {
        static string[] Split(string? value) => value?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

        var urls = Split(configuration["urls"]);
        if (urls.Length > 0)
        {
            return urls;
        }

        var ports = Split(configuration["http_ports"]);
        return ports.Length > 0 ? ports.Select(p => $"http://*:{p}") : ["http://localhost:5000"];
    }

    private sealed class ManagementBranch(int port) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.MapWhen(context => context.Connection.LocalPort == port, management =>
            {
                management.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == MetricsPath);
                management.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            });
            next(app);
        };
    }
}
