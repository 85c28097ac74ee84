using PatchHound.DefenderSimulator;
using PatchHound.ServiceDefaults;

// Imitates Microsoft Defender for Endpoint (machines, vulnerability export) and Entra ID client credentials.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDefenderSimulator();

var app = builder.Build();
app.MapHealthEndpoints();
app.MapDefenderSimulator();
await app.RunAsync();
