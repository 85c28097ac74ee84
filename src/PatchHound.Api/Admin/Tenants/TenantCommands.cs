using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Work;
using PatchHound.Core.Sla;
using PatchHound.Core.Tenancy;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Operator;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>Creates, suspends and reactivates tenants: the operator endpoints' and the operator page's one write path.</summary>
internal sealed class TenantCommands(PatchHoundDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string EntityType = "tenant";

    /// <summary>The request has passed validation. A taken slug is 409.</summary>
    public async Task<CommandResult<TenantDto>> CreateAsync(CreateTenantRequest request, CancellationToken cancellationToken)
    {
        var tenant = new Tenant(request.Slug, request.Name, request.Edition!.Value, clock.GetUtcNow());
        if (await db.Tenants.AnyAsync(t => t.Slug == tenant.Slug, cancellationToken))
        {
            return SlugTaken(tenant.Slug);
        }

        db.Tenants.Add(tenant);
        db.Tenant.Enter(tenant.Id);
        db.SlaPolicies.Add(new SlaPolicy(tenant.Id));
        var created = TenantDto.From(tenant);
        audit.Record("tenant.created", EntityType, tenant.Id, null, created);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SlugTaken(tenant.Slug);
        }

        return created;
    }

    public Task<CommandResult<TenantDto>> SuspendAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, "tenant.suspended", tenant => tenant.Suspend(), cancellationToken);

    public Task<CommandResult<TenantDto>> ReactivateAsync(Guid id, CancellationToken cancellationToken) =>
        ChangeStatusAsync(id, "tenant.reactivated", tenant => tenant.Reactivate(), cancellationToken);

    // A refused transition (e.g. suspending a suspended tenant) is a domain rule violation: 409 from the exception handler.
    private async Task<CommandResult<TenantDto>> ChangeStatusAsync(Guid id, string action, Action<Tenant> change, CancellationToken cancellationToken)
    {
        var tenant = await OperatorTenants.EnterAsync(db, id, cancellationToken);
        if (tenant is null)
        {
            return CommandRefusal.NotFound("tenant");
        }

        var before = TenantDto.From(tenant);
        change(tenant);
        var after = TenantDto.From(tenant);
        audit.Record(action, EntityType, tenant.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }

    private static CommandRefusal SlugTaken(string slug) =>
        new(StatusCodes.Status409Conflict, "Slug taken", $"A tenant with slug '{slug}' already exists.");
}
