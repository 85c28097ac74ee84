using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Work;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Settings;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>Adds, re-roles and removes a tenant's members: the membership endpoints' and the operator page's one write path.</summary>
internal sealed class MembershipCommands(PatchHoundDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const string EntityType = "tenant_membership";

    /// <summary>The request has passed validation. An unknown e-mail creates the user, which then needs a display name.</summary>
    public async Task<CommandResult<MembershipDto>> AddAsync(Guid tenantId, AddMembershipRequest request, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(request.Email);
        var tenant = await OperatorTenants.EnterAsync(db, tenantId, cancellationToken);
        if (tenant is null)
        {
            return CommandRefusal.NotFound("tenant");
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(request.DisplayName))
            {
                return CommandRefusal.Invalid("displayName", "No user has this e-mail address; give a display name to create one.");
            }

            user = new User(email, request.DisplayName, clock.GetUtcNow());
            db.Users.Add(user);
        }
        else if (await db.TenantMemberships.AnyAsync(m => m.UserId == user.Id, cancellationToken))
        {
            return AlreadyMember(email);
        }

        var membership = new TenantMembership(tenant.Id, user.Id, request.Role!.Value);
        db.TenantMemberships.Add(membership);
        var added = new MembershipDto(user.Id, user.Email, user.DisplayName, membership.Role);
        audit.Record("membership.added", EntityType, user.Id, null, added);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request added the same user or membership meanwhile.
            return AlreadyMember(email);
        }

        return added;
    }

    public async Task<CommandResult<MembershipDto>> ChangeRoleAsync(
        Guid tenantId, Guid userId, ChangeMembershipRoleRequest request, CancellationToken cancellationToken)
    {
        if (await FindAsync(tenantId, userId, cancellationToken) is not { } found)
        {
            return await RefusalForMissingAsync(tenantId, cancellationToken);
        }

        var (membership, user) = found;
        var before = new MembershipDto(user.Id, user.Email, user.DisplayName, membership.Role);
        membership.ChangeRole(request.Role!.Value);
        var after = before with { Role = membership.Role };
        audit.Record("membership.role_changed", EntityType, user.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }

    public async Task<CommandResult<MembershipDto>> RemoveAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken)
    {
        if (await FindAsync(tenantId, userId, cancellationToken) is not { } found)
        {
            return await RefusalForMissingAsync(tenantId, cancellationToken);
        }

        var (membership, user) = found;
        var removed = new MembershipDto(user.Id, user.Email, user.DisplayName, membership.Role);
        db.TenantMemberships.Remove(membership);
        audit.Record("membership.removed", EntityType, user.Id, removed, null);
        await db.SaveChangesAsync(cancellationToken);
        return removed;
    }

    // Enters the tenant first: the membership is read in that tenant's scope only.
    private async Task<(TenantMembership Membership, User User)?> FindAsync(Guid tenantId, Guid userId, CancellationToken cancellationToken)
    {
        if (await OperatorTenants.EnterAsync(db, tenantId, cancellationToken) is null)
        {
            return null;
        }

        var membership = await db.TenantMemberships.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        return (membership, user);
    }

    private async Task<CommandRefusal> RefusalForMissingAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken)
            ? new CommandRefusal(StatusCodes.Status404NotFound, "Not found", "The user is not a member of this tenant.")
            : CommandRefusal.NotFound("tenant");

    private static CommandRefusal AlreadyMember(string email) =>
        new(StatusCodes.Status409Conflict, "Already a member", $"{email} already belongs to this tenant.");
}
