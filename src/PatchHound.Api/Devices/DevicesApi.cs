using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Reads;
using PatchHound.Reads.Devices;
using PatchHound.Reads.Paging;

namespace PatchHound.Api.Devices;

/// <summary>The tenant's devices: filtered, sorted, keyset-paged list and detail. Every role reads.</summary>
internal static class DevicesApi
{
    /// <summary>Most exposed first.</summary>
    public static readonly SortOrder<DeviceSortKey> DefaultSort = DeviceSorts.Default;

    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        var devices = app.MapTenantGroup("/devices")
            .AllowTenantRoles(TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor)
            .WithTags("Devices");
        devices.MapGet("/", ListAsync).WithName("ListDevices")
            .WithSummary("Devices, filtered and sorted (sort=name|riskScore|lastSeen, - for descending; default -riskScore), one keyset page at a time.");
        devices.MapGet("/{id:guid}", GetAsync).WithName("GetDevice")
            .WithSummary("One device with its open findings counted by severity.");
        return app;
    }

    private static async Task<Results<Ok<Page<DeviceDto>>, ValidationProblem>> ListAsync(
        [AsParameters] DeviceFilterParameters filters, string? sort, int? limit, string? cursor, DeviceQueries queries,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = DeviceFilter.Parse(filters, errors);
        var order = QueryValues.Sort(sort, DefaultSort, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await queries.PageAsync(filter, order, Cursor.Decode<DeviceCursor>(cursor), PageLimit.Of(limit), cancellationToken);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<DeviceDetailDto>, ProblemHttpResult>> GetAsync(
        Guid id, DeviceQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(id, cancellationToken) is { } device
            ? TypedResults.Ok(device)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The device does not exist.");
}
