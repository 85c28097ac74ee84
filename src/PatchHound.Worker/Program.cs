using PatchHound.Infrastructure.Persistence;
using PatchHound.Infrastructure.Realtime;
using PatchHound.Jobs;
using PatchHound.Jobs.Platform;
using PatchHound.ServiceDefaults;

// The job server host: Hangfire servers for every queue, running the jobs of PatchHound.Jobs.

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPatchHoundPersistence();
builder.AddJobs();
builder.AddJobServers();
builder.AddRealtime();

var app = builder.Build();
await app.MigrateIfConfiguredAsync();
app.MapHealthEndpoints();
await app.RunAsync();
return 0;
