using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// Traces and metrics for every host (ADR 0009). Exported over OTLP only when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured, so a host without a collector sends nothing.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>PatchHound.Api → patchhound-api, PatchHound.Worker → patchhound-worker.</summary>
    public static string ServiceName(string applicationName) => applicationName.ToLowerInvariant().Replace('.', '-');

    public static string ServiceVersion() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var exportOtlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var environment = builder.Environment.EnvironmentName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName(builder.Environment.ApplicationName), serviceVersion: ServiceVersion(),
                    autoGenerateServiceInstanceId: true)
                .AddAttributes([new("deployment.environment", environment)]))
            .WithTracing(tracing =>
            {
                // Without an exporter no source is listened to, so no request or statement pays for activities nobody reads.
                if (exportOtlp)
                {
                    tracing
                        .AddAspNetCoreInstrumentation(options =>
                            options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                        .AddHttpClientInstrumentation()
                        .AddNpgsql()
                        .AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Npgsql")
                    .AddMeter("PatchHound.*");
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return builder;
    }
}
