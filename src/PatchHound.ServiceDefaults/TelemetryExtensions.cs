using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// Traces, metrics and logs for every host (ADR 0009). Exported over OTLP only when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is configured, so a host without a collector sends nothing.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpProtocolKey = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>PatchHound.Api → patchhound-api, PatchHound.Worker → patchhound-worker.</summary>
    public static string ServiceName(string applicationName) => applicationName.ToLowerInvariant().Replace('.', '-');

    public static string ServiceVersion() =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? "unknown";

    public static bool ExportsOtlp(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var exportOtlp = ExportsOtlp(builder.Configuration);
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
                        .AddSource(TenantTelemetry.SourceName)
                        .AddProcessor(new TenantSpanProcessor())
                        .AddProcessor(new HangfireNoiseFilter())
                        .AddAspNetCoreInstrumentation(options =>
                        {
                            options.Filter = context => !context.Request.Path.StartsWithSegments("/health");
                            options.RecordException = true;
                        })
                        .AddHttpClientInstrumentation(options => options.RecordException = true)
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
                    .AddMeter(TenantTelemetry.SourceName)
                    .AddMeter("PatchHound.*");
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return builder;
    }
}
