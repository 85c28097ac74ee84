using PatchHound.Api.Auth;
using PatchHound.Api.Commands;
using PatchHound.Api.Extensions;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Jobs;
using PatchHound.ServiceDefaults;

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPatchHoundPersistence();
builder.AddJobs();
builder.AddPatchHoundAuth();
builder.AddApiServices();

var app = builder.Build();
if (HostCommands.IsCommand(args))
{
    return await HostCommands.RunAsync(app, args);
}

await app.MigrateIfConfiguredAsync();
app.UseApi();
app.MapHealthEndpoints();
app.MapApiEndpoints();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
