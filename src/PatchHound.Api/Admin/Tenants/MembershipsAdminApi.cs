using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PatchHound.Api.Audit;
using PatchHound.Api.Auth;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;
using PatchHound.Reads.Settings;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>Platform operators decide who belongs to a tenant and with which role. Each change is audited in that tenant.</summary>
internal static class MembershipsAdminApi
{
    public const string EntityType = "tenant_membership";

    public static IEndpointRouteBuilder MapMembershipsAdminApi(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/admin/tenants/{id:guid}/memberships")
            .RequireAuthorization(Policies.PlatformOperator)
            .WithTags("Admin: memberships");
        members.MapGet("/", ListAsync).WithName("ListMemberships").WithSummary("The tenant's members by e-mail, keyset-paged.");
        members.MapPost("/", AddAsync).WithName("AddMembership").WithSummary("Adds a user (created when unknown) with a role.");
        members.MapPut("/{userId:guid}", ChangeRoleAsync).WithName("ChangeMembershipRole").WithSummary("Changes a member's role.");
        members.MapDelete("/{userId:guid}", RemoveAsync).WithName("RemoveMembership").WithSummary("Removes a member from the tenant.");
        return app;
    }

    private static async Task<Results<Ok<Page<MembershipDto>>, ProblemHttpResult>> ListAsync(
        Guid id, PatchHoundDbContext db, SettingsQueries queries, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var after = Cursor.Decode<MembershipCursor>(cursor);
        if (await OperatorTenants.EnterAsync(db, id, cancellationToken) is null)
        {
            return OperatorTenants.NotFound();
        }

        return TypedResults.Ok(await queries.MembersAsync(after, PageLimit.Of(limit), cancellationToken));
    }

    private static async Task<Results<Created<MembershipDto>, ValidationProblem, ProblemHttpResult>> AddAsync(
        Guid id, AddMembershipRequest request, PatchHoundDbContext db, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var email = User.NormalizeEmail(request.Email);
        var tenant = await OperatorTenants.EnterAsync(db, id, cancellationToken);
        if (tenant is null)
        {
            return OperatorTenants.NotFound();
        }

        var user = await db.Users.SingleOrDefaultAsync(u => u.Email == email, cancellationToken);
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(request.DisplayName))
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["displayName"] = ["No user has this e-mail address; give a display name to create one."] });
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

        return TypedResults.Created($"/api/admin/tenants/{tenant.Id}/memberships/{user.Id}", added);
    }

    private static async Task<Results<Ok<MembershipDto>, ProblemHttpResult>> ChangeRoleAsync(
        Guid id, Guid userId, ChangeMembershipRoleRequest request, PatchHoundDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (await OperatorTenants.EnterAsync(db, id, cancellationToken) is null)
        {
            return OperatorTenants.NotFound();
        }

        var found = await FindAsync(db, userId, cancellationToken);
        if (found is null)
        {
            return MembershipNotFound();
        }

        var (membership, user) = found.Value;

        var before = new MembershipDto(user.Id, user.Email, user.DisplayName, membership.Role);
        membership.ChangeRole(request.Role!.Value);
        var after = before with { Role = membership.Role };
        audit.Record("membership.role_changed", EntityType, user.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(after);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        Guid id, Guid userId, PatchHoundDbContext db, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (await OperatorTenants.EnterAsync(db, id, cancellationToken) is null)
        {
            return OperatorTenants.NotFound();
        }

        var found = await FindAsync(db, userId, cancellationToken);
        if (found is null)
        {
            return MembershipNotFound();
        }

        var (membership, user) = found.Value;

        db.TenantMemberships.Remove(membership);
        audit.Record("membership.removed", EntityType, user.Id, new MembershipDto(user.Id, user.Email, user.DisplayName, membership.Role), null);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<(TenantMembership Membership, User User)?> FindAsync(PatchHoundDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var membership = await db.TenantMemberships.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
        if (membership is null)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        return (membership, user);
    }

    private static ProblemHttpResult AlreadyMember(string email) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already a member", detail: $"{email} already belongs to this tenant.");

    private static ProblemHttpResult MembershipNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The user is not a member of this tenant.");
}
