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
/// Traces, metrics and logs for every host (ADR 0009), exported where configured: OTLP with the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, Azure Monitor with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> (both at once
/// work), Prometheus on the management listener with <c>Management:Port</c>. A host with none of them sends nothing.
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

    /// <summary>Whether spans are recorded at all: only when an exporter reads them.</summary>
    public static bool ExportsTraces(IConfiguration configuration) =>
        ExportsOtlp(configuration) || AzureMonitorExport.IsConfigured(configuration);

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var exportOtlp = ExportsOtlp(configuration);
        var managementPort = ManagementListener.Port(configuration);
        var environment = builder.Environment.EnvironmentName;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(ServiceName(builder.Environment.ApplicationName), serviceVersion: ServiceVersion(),
                    autoGenerateServiceInstanceId: true)
                .AddAttributes([new("deployment.environment", environment)]))
            .WithTracing(tracing =>
            {
                // Without an exporter no source is listened to, so no request or statement pays for activities nobody reads.
                if (ExportsTraces(configuration))
                {
                    tracing.AddPatchHoundTracing();
                }

                if (exportOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddProcessInstrumentation()
                    .AddMeter("Npgsql")
                    .AddMeter(TenantTelemetry.SourceName)
                    .AddMeter("PatchHound.*");
                if (exportOtlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (managementPort is not null)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        builder.UseAzureMonitorWhenConfigured(telemetry);
        if (managementPort is { } port)
        {
            builder.AddManagementListener(port);
        }

        return builder;
    }

    private static TracerProviderBuilder AddPatchHoundTracing(this TracerProviderBuilder tracing) => tracing
        .AddSource(TenantTelemetry.SourceName)
        .AddProcessor(new TenantSpanProcessor())
        .AddProcessor(new HangfireNoiseFilter())
        .AddAspNetCoreInstrumentation(options =>
        {
            options.Filter = context => !context.Request.Path.StartsWithSegments("/health");
            options.RecordException = true;
            options.EnrichWithHttpResponse = ServerSpanNames.Rename;
        })
        .AddHttpClientInstrumentation(options => options.RecordException = true)
        // SQL is recorded by Npgsql alone: it sees every statement (EF's, TenantSql's, COPY); EF Core's
        // instrumentation would add a second span per EF statement and miss the rest (ADR 0009).
        .AddNpgsql()
        .AddRedisInstrumentation();
}
