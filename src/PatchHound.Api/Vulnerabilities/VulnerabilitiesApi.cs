using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Reads;
using PatchHound.Reads.Paging;
using PatchHound.Reads.Vulnerabilities;

namespace PatchHound.Api.Vulnerabilities;

/// <summary>The vulnerabilities that affect the tenant (those it has findings of) and their detail. Every role reads.</summary>
internal static class VulnerabilitiesApi
{
    /// <summary>Most widespread first.</summary>
    public static readonly SortOrder<VulnerabilitySortKey> DefaultSort = VulnerabilitySorts.Default;

    public static IEndpointRouteBuilder MapVulnerabilitiesApi(this IEndpointRouteBuilder app)
    {
        var vulnerabilities = app.MapTenantGroup("/vulnerabilities")
            .AllowTenantRoles(TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor)
            .WithTags("Vulnerabilities");
        vulnerabilities.MapGet("/", ListAsync).WithName("ListVulnerabilities")
            .WithSummary("CVEs the tenant has findings of, with affected devices (sort=affectedDevices|severity|epss|cvss, - for descending; default -affectedDevices).");
        vulnerabilities.MapGet("/{cveId}", GetAsync).WithName("GetVulnerability")
            .WithSummary("A CVE's catalog entry and the tenant's exposure; 404 unless the tenant has a finding of it.");
        return app;
    }

    private static async Task<Results<Ok<Page<VulnerabilitySummaryDto>>, ValidationProblem>> ListAsync(
        [AsParameters] VulnerabilityFilterParameters filters, string? sort, int? limit, string? cursor, VulnerabilityQueries queries,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = VulnerabilityFilter.Parse(filters, errors);
        var order = QueryValues.Sort(sort, DefaultSort, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var page = await queries.PageAsync(filter, order, Cursor.Decode<VulnerabilityCursor>(cursor), PageLimit.Of(limit), cancellationToken);
        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<VulnerabilityDetailDto>, ProblemHttpResult>> GetAsync(
        string cveId, VulnerabilityQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(cveId, cancellationToken) is { } vulnerability
            ? TypedResults.Ok(vulnerability)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The tenant has no finding of this vulnerability.");
}
