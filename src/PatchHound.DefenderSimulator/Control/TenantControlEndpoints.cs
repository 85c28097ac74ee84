using PatchHound.DefenderSimulator.Tenants;

namespace PatchHound.DefenderSimulator.Control;

/// <summary><c>/_sim/tenants/{tenantId}</c>: read a tenant's shape, change it at run time, advance its generation (churn).</summary>
public static class TenantControlEndpoints
{
    public static RouteGroupBuilder MapTenantControlEndpoints(this RouteGroupBuilder control)
    {
        var tenants = control.MapGroup("/tenants/{tenantId}");
        tenants.MapGet("/", (string tenantId, TenantDirectory directory) => TypedResults.Ok(TenantState.Of(directory, tenantId)));
        tenants.MapPut("/", Configure);
        tenants.MapPost("/advance", (string tenantId, int? steps, TenantDirectory directory) =>
        {
            if (steps is < 1)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["steps"] = ["steps must be at least 1."] });
            }

            directory.Advance(tenantId, steps ?? 1);
            return Results.Ok(TenantState.Of(directory, tenantId));
        });
        return control;
    }

    private static IResult Configure(string tenantId, TenantProfileOptions profile, TenantDirectory directory)
    {
        try
        {
            directory.Configure(tenantId, profile);
        }
        catch (ArgumentException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["profile"] = [e.Message] });
        }

        return TypedResults.Ok(TenantState.Of(directory, tenantId));
    }
}
