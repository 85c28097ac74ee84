using PatchHound.DefenderSimulator.Faults;
using PatchHound.DefenderSimulator.Stats;
using PatchHound.DefenderSimulator.Tenants;
using PatchHound.DefenderSimulator.Throttling;

namespace PatchHound.DefenderSimulator.Control;

/// <summary>
/// The test-facing control plane under <c>/_sim</c>: arm faults, read statistics, reset. Unauthenticated by design —
/// bind the simulator to loopback.
/// </summary>
public static class ControlEndpoints
{
    public static IEndpointRouteBuilder MapControlEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/_sim");
        control.MapGet("/faults", (FaultBoard faults) => TypedResults.Ok(ArmedFaultView.Of(faults)));
        control.MapPost("/faults", ArmFaults);
        control.MapDelete("/faults", (FaultBoard faults) =>
        {
            faults.Set([], append: false);
            return TypedResults.NoContent();
        });
        control.MapGet("/stats", (SimulatorStats stats) => TypedResults.Ok(stats.Snapshot()));
        control.MapPost("/reset", (FaultBoard faults, SimulatorStats stats, TenantDirectory tenants, TenantRateLimits rateLimits) =>
        {
            faults.Reset();
            stats.Reset();
            tenants.Reset();
            rateLimits.Reset();
            return TypedResults.NoContent();
        });
        control.MapTenantControlEndpoints();
        return app;
    }

    private static IResult ArmFaults(FaultsRequest request, FaultBoard faults)
    {
        var problems = (request.Rules ?? []).SelectMany((r, i) => r.Problems($"rules[{i}]")).ToArray();
        if (problems.Length > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["rules"] = problems });
        }

        faults.Set(request.Rules ?? [], request.Append);
        return TypedResults.Ok(ArmedFaultView.Of(faults));
    }
}
