using System.Text.Json.Serialization;
using PatchHound.Api.Admin.Tenants;
using PatchHound.Api.ApiKeys;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Api.Errors;
using PatchHound.Api.Ingestion;
using PatchHound.Api.ScaleOut;
using PatchHound.Api.Sla;
using PatchHound.Api.Sources;
using PatchHound.Api.WebUi;
using PatchHound.Api.Work;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Infrastructure.Secrets;
using PatchHound.Reads;

namespace PatchHound.Api.Extensions;

internal static class ApiServiceExtensions
{
    /// <summary>Request bodies are small JSON documents; anything larger is refused with 413 before it is read.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static IHostApplicationBuilder AddApiServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));
        // Unreadable bodies throw, so ApiExceptionHandler answers them with field errors instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CurrentCaller>();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<IngestionRunCommands>();
        builder.Services.AddScoped<SlaPolicyCommands>();
        builder.Services.AddScoped<ApiKeyCommands>();
        builder.Services.AddScoped<SourceCommands>();
        builder.Services.AddScoped<TenantCommands>();
        builder.Services.AddScoped<MembershipCommands>();
        builder.Services.AddScoped<PatchHound.Api.Admin.FailedJobs>();
        builder.Services.AddSecretStore(builder.Configuration);
        builder.Services.AddReadApis();
        builder.AddScaleOut();
        builder.AddWorkApi();
        builder.AddRealtime();
        builder.AddWebUi();
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        // After authentication (limits are per caller), before authorization (anonymous floods are limited too).
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }
}
