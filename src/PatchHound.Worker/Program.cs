using PatchHound.Infrastructure.Persistence;
using PatchHound.ServiceDefaults;

// The job server host. The Hangfire server and the jobs it runs are registered here (see PatchHound.Jobs).
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPatchHoundPersistence();

var app = builder.Build();
app.MapHealthEndpoints();
await app.RunAsync();
