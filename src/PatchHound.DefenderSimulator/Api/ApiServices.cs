using Microsoft.Extensions.Options;
using PatchHound.DefenderSimulator.Data;
using PatchHound.DefenderSimulator.Stats;
using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>What the Defender API endpoints need, bound with [AsParameters].</summary>
public readonly record struct ApiServices(
    ApiGate Gate,
    TenantDirectory Tenants,
    MachineGenerator Machines,
    FindingGenerator Findings,
    SimulatorStats Stats,
    IOptions<SimulatorOptions> Options);
