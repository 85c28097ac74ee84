using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Tenancy;
using PatchHound.Core.Identity;
using PatchHound.Core.Sla;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Api.Sla;

/// <summary>The tenant's SLA policy: everyone reads it, tenant admins change it. A tenant without one has the defaults.</summary>
internal static class SlaPolicyApi
{
    public const string EntityType = "sla_policy";

    public static IEndpointRouteBuilder MapSlaPolicyApi(this IEndpointRouteBuilder app)
    {
        var policy = app.MapTenantGroup("/sla-policy")
            .AllowTenantRoles(TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor)
            .WithTags("SLA policy");
        policy.MapGet("/", GetAsync).WithName("GetSlaPolicy").WithSummary("Days to remediate per severity.");
        policy.MapPut("/", ChangeAsync).AllowTenantRoles(TenantRole.TenantAdmin)
            .WithName("ChangeSlaPolicy").WithSummary("Replaces the days to remediate per severity.");
        return app;
    }

    private static async Task<Ok<SlaPolicyDto>> GetAsync(PatchHoundDbContext db, CancellationToken cancellationToken)
    {
        var policy = await db.SlaPolicies.AsNoTracking().SingleOrDefaultAsync(cancellationToken)
            ?? new SlaPolicy(db.Tenant.RequireTenantId());
        return TypedResults.Ok(SlaPolicyDto.From(policy));
    }

    private static async Task<Ok<SlaPolicyDto>> ChangeAsync(
        SlaPolicyRequest request, PatchHoundDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        // A tenant's first change inserts its row; when two first changes race, the loser retries as an update.
        for (var attempt = 1; ; attempt++)
        {
            var policy = await db.SlaPolicies.SingleOrDefaultAsync(cancellationToken);
            if (policy is null)
            {
                policy = new SlaPolicy(db.Tenant.RequireTenantId());
                db.SlaPolicies.Add(policy);
            }

            var before = SlaPolicyDto.From(policy);
            policy.Change(request.CriticalDays!.Value, request.HighDays!.Value, request.MediumDays!.Value, request.LowDays!.Value);
            var after = SlaPolicyDto.From(policy);
            audit.Record("sla_policy.changed", EntityType, policy.Id, before, after);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(after);
            }
            catch (DbUpdateException e) when (attempt == 1 && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
