using Microsoft.EntityFrameworkCore;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>
/// How an operator endpoint reaches one tenant: it enters that tenant only — the narrowest scope that lets it read
/// the tenant's rows and write the tenant's audit entries — never an all-tenants platform scope.
/// </summary>
internal static class OperatorTenants
{
    /// <returns>The tracked tenant, now entered in <paramref name="db"/>; null when there is none with this id.</returns>
    public static async Task<Tenant?> EnterAsync(PatchHoundDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is not null)
        {
            db.Tenant.Enter(tenant.Id);
        }

        return tenant;
    }

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The tenant does not exist.");
}
