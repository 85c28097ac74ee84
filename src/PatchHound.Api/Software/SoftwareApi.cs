using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Reads.Paging;
using PatchHound.Reads.Software;

namespace PatchHound.Api.Software;

/// <summary>The tenant's installed software: per device, and per product across devices. Every role reads.</summary>
internal static class SoftwareApi
{
    public static IEndpointRouteBuilder MapSoftwareApi(this IEndpointRouteBuilder app)
    {
        TenantRole[] roles = [TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor];
        app.MapTenantGroup("/devices").AllowTenantRoles(roles).WithTags("Devices")
            .MapGet("/{id:guid}/software", DeviceSoftwareAsync).WithName("ListDeviceSoftware")
            .WithSummary("The software versions installed on one device, by vendor, name and version, with the device's open findings of each product.");
        app.MapTenantGroup("/software").AllowTenantRoles(roles).WithTags("Software")
            .MapGet("/", ProductsAsync).WithName("ListSoftware")
            .WithSummary("Installed products (vendor and name) by vendor and name: installs, versions and open findings; name is part of the name, vendor exact.");
        return app;
    }

    private static async Task<Results<Ok<Page<InstalledSoftwareDto>>, ProblemHttpResult>> DeviceSoftwareAsync(
        Guid id, int? limit, string? cursor, SoftwareQueries queries, CancellationToken cancellationToken) =>
        await queries.DevicePageAsync(id, Cursor.Decode<SoftwareCursor>(cursor), PageLimit.Of(limit), cancellationToken) is { } page
            ? TypedResults.Ok(page)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The device does not exist.");

    private static async Task<Results<Ok<Page<SoftwareProductDto>>, ValidationProblem>> ProductsAsync(
        string? name, string? vendor, int? limit, string? cursor, SoftwareQueries queries, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = SoftwareFilter.Parse(name, vendor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await queries.ProductPageAsync(filter, Cursor.Decode<SoftwareCursor>(cursor), PageLimit.Of(limit), cancellationToken));
    }
}
