using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Sinks.OpenTelemetry;

namespace PatchHound.ServiceDefaults;

/// <summary>
/// Serilog's events to the same OTLP collector as traces and metrics, with the same resource. Serilog stamps each
/// event with the current trace and span id, so a log line links to its span.
/// </summary>
internal static class OtlpLogSink
{
    public static LoggerConfiguration WriteToOtlpWhenConfigured(this LoggerConfiguration logger, IHostApplicationBuilder builder)
    {
        if (!TelemetryExtensions.ExportsOtlp(builder.Configuration))
        {
            return logger;
        }

        var endpoint = builder.Configuration[TelemetryExtensions.OtlpEndpointKey]!.TrimEnd('/');
        var http = builder.Configuration[TelemetryExtensions.OtlpProtocolKey] is "http/protobuf";
        return logger.WriteTo.OpenTelemetry(options =>
        {
            options.Protocol = http ? OtlpProtocol.HttpProtobuf : OtlpProtocol.Grpc;
            options.Endpoint = http ? endpoint + "/v1/logs" : endpoint;
            options.ResourceAttributes = new Dictionary<string, object>
            {
                ["service.name"] = TelemetryExtensions.ServiceName(builder.Environment.ApplicationName),
                ["service.version"] = TelemetryExtensions.ServiceVersion(),
                ["deployment.environment"] = builder.Environment.EnvironmentName,
            };
        });
    }
}
