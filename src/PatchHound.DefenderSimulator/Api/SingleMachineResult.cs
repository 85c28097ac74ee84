using System.Text.Json;
using PatchHound.DefenderSimulator.Data;
using PatchHound.DefenderSimulator.Faults;

namespace PatchHound.DefenderSimulator.Api;

/// <summary>One machine as <c>GET /api/machines/{id}</c> returns it: the entity with its own <c>@odata.context</c>.</summary>
public sealed class SingleMachineResult(SimulatedMachine machine) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json; odata.metadata=minimal; charset=utf-8";
        await using var json = new Utf8JsonWriter(httpContext.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("@odata.context"u8, RequestOrigin.Of(httpContext.Request) + "/api/$metadata#Machines/$entity");
        MachineJson.WriteProperties(json, machine, FaultPlan.None);
        json.WriteEndObject();
        await json.FlushAsync(httpContext.RequestAborted);
    }
}
