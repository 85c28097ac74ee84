using PatchHound.DefenderSimulator;
using PatchHound.ServiceDefaults;

// Imitates Microsoft Defender for Endpoint (machines, vulnerability export) and Entra ID client credentials.

if (HealthProbe.IsRequested(args))
{
    return await HealthProbe.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDefenderSimulator();

var app = builder.Build();
app.MapHealthEndpoints();
app.MapDefenderSimulator();
await app.RunAsync();
return 0;
