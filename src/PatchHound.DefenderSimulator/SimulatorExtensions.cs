using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PatchHound.DefenderSimulator.Api;
using PatchHound.DefenderSimulator.Auth;
using PatchHound.DefenderSimulator.Control;
using PatchHound.DefenderSimulator.Data;
using PatchHound.DefenderSimulator.Faults;
using PatchHound.DefenderSimulator.Hosting;
using PatchHound.DefenderSimulator.Stats;
using PatchHound.DefenderSimulator.Tenants;
using PatchHound.DefenderSimulator.Throttling;

namespace PatchHound.DefenderSimulator;

/// <summary>The simulator's composition root, usable by its own host and by tests hosting it on Kestrel.</summary>
public static class SimulatorExtensions
{
    public static WebApplicationBuilder AddDefenderSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => KevCatalog.LoadEmbedded());
        builder.Services.AddSingleton<CveCatalog>();
        builder.Services.AddSingleton<SimulatedEpoch>();
        builder.Services.AddSingleton<MachineGenerator>();
        builder.Services.AddSingleton<FindingGenerator>();
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<FaultBoard>();
        builder.Services.AddSingleton<SimulatorStats>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<TenantRateLimits>();
        builder.Services.AddSingleton<ApiGate>();
        builder.Services.AddSingleton<ExportFileSigner>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        var settings = builder.Configuration.GetSection(SimulatorOptions.Section).Get<SimulatorOptions>() ?? new SimulatorOptions();
        if (settings.Https)
        {
            var certificate = SelfSignedCertificate.Create(["localhost", "127.0.0.1", "::1", Environment.MachineName]);
            SelfSignedCertificate.WritePem(certificate, settings.CertificatePath);
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        }

        return builder;
    }

    public static WebApplication MapDefenderSimulator(this WebApplication app)
    {
        app.MapGet("/health", () => TypedResults.Text("Healthy"));
        app.MapTokenEndpoints();
        app.MapDiscoveryEndpoints();
        app.MapMachinesApi();
        app.MapVulnerabilityExportApi();
        app.MapVulnerabilityChangesApi();
        app.MapExportFilesApi();
        app.MapControlEndpoints();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PatchHound.DefenderSimulator");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SimulatorOptions>>().Value;
            if (options.Https)
            {
                SimulatorLog.CertificateWritten(logger, options.CertificatePath);
            }

            SimulatorLog.Listening(logger, string.Join(", ", app.Urls));
        });
        return app;
    }
}
