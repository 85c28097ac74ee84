using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using PatchHound.DefenderSimulator.Paging;

namespace PatchHound.DefenderSimulator.Api;

/// <summary><c>GET /api/machines</c> (List machines: <c>$top</c> ≤ 10,000, <c>$skip</c>, next links) and <c>GET /api/machines/{id}</c>.</summary>
public static class MachinesApi
{
    public const string Path = "/api/machines";
    private const string ContextPath = "/api/$metadata#Machines";

    public static IEndpointRouteBuilder MapMachinesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, ListAsync);
        app.MapGet(Path + "/{id}", Get);
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http,
        [FromQuery(Name = "$top")] int? top,
        [FromQuery(Name = "$skip")] long? skip,
        [FromQuery(Name = "$skiptoken")] string? skipToken,
        [AsParameters] ApiServices services)
    {
        var (tenantId, refusal) = services.Gate.Authenticate(http, SimulatorEndpoints.Machines);
        if (tenantId is null)
        {
            return refusal!;
        }

        if (top <= 0 || skip < 0)
        {
            return DefenderErrors.Error(StatusCodes.Status400BadRequest, "InvalidRequestBody", "$top must be positive and $skip not negative.");
        }

        var tenant = services.Tenants.Profile(tenantId);
        var pageSize = Math.Min(top ?? int.MaxValue, services.Options.Value.MaxMachinesPageSize);
        var plan = PagePlan.For(SimulatorEndpoints.Machines, tenant, services.Tenants.Generation(tenantId), skipToken, skip ?? 0, pageSize, tenant.Devices, unpaged: false);
        if (plan is null)
        {
            return DefenderErrors.Error(StatusCodes.Status400BadRequest, "InvalidRequestBody", "The $skiptoken is not valid for this request.");
        }

        // As documented: "If there are no recent machines, you see 404 Not Found."
        if (tenant.Devices == 0)
        {
            return DefenderErrors.Error(StatusCodes.Status404NotFound, "NotFound", "Machines were not found.");
        }

        var (faults, replacement) = await services.Gate.ApplyFaultsAsync(http, tenantId, SimulatorEndpoints.Machines, plan.Page);
        if (replacement is not null)
        {
            return replacement;
        }

        var size = pageSize.ToString(CultureInfo.InvariantCulture);
        return new ODataPageResult(
            plan,
            ContextPath,
            (origin, token) => $"{origin}{Path}?$top={size}&$skiptoken={token.Encode()}",
            (json, index) => MachineJson.Write(json, services.Machines.Generate(tenant, index, plan.Generation), faults),
            faults,
            services.Stats);
    }

    private static IResult Get(HttpContext http, string id, [AsParameters] ApiServices services)
    {
        var (tenantId, refusal) = services.Gate.Authenticate(http, SimulatorEndpoints.Machines);
        if (tenantId is null)
        {
            return refusal!;
        }

        var tenant = services.Tenants.Profile(tenantId);
        var generation = services.Tenants.Generation(tenantId);
        if (services.Machines.IndexOf(tenant, id, generation) is not { } index)
        {
            return DefenderErrors.Error(StatusCodes.Status404NotFound, "ResourceNotFound", $"Machine {id} was not found.");
        }

        var machine = services.Machines.Generate(tenant, index, generation);
        return new SingleMachineResult(machine);
    }
}
