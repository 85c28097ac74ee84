using Azure.Monitor.OpenTelemetry.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// Azure Monitor (Application Insights) through the Azure Monitor distro when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c>
/// is set, beside OTLP and Prometheus when those are configured too. Every trace is kept (the distro's default samples
/// 5 traces a second; tenant-scoped work must be traced in full) and Live Metrics stays off unless asked for: it
/// opens a connection of its own to Azure that a self-hosted or test host cannot reach.
/// </summary>
public static class AzureMonitorExport
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string LiveMetricsKey = "AzureMonitor:EnableLiveMetrics";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[ConnectionStringKey]);

    /// <summary>
    /// Logs reach the distro's logger provider through Serilog (<c>writeToProviders</c> in AddServiceDefaults), so the
    /// host's default providers go first: Serilog already writes the console.
    /// </summary>
    internal static void UseAzureMonitorWhenConfigured(this IHostApplicationBuilder host, IOpenTelemetryBuilder telemetry)
    {
        var configuration = host.Configuration;
        if (!IsConfigured(configuration) || telemetry is not OpenTelemetryBuilder builder)
        {
            return;
        }

        host.Logging.ClearProviders();
        builder.UseAzureMonitor(options =>
        {
            options.ConnectionString = configuration[ConnectionStringKey];
            options.SamplingRatio = 1.0F;
            options.TracesPerSecond = null;
            options.EnableLiveMetrics = configuration.GetValue<bool>(LiveMetricsKey);
        });
    }
}
