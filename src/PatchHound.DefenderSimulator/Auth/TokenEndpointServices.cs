using Microsoft.Extensions.Options;
using PatchHound.DefenderSimulator.Faults;
using PatchHound.DefenderSimulator.Stats;
using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Auth;

/// <summary>What the token endpoints need, bound with [AsParameters].</summary>
public readonly record struct TokenEndpointServices(
    TenantDirectory Tenants,
    TokenIssuer Issuer,
    FaultBoard Faults,
    SimulatorStats Stats,
    IOptions<SimulatorOptions> Options,
    TimeProvider Time);
