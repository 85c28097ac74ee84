using Microsoft.AspNetCore.Http.HttpResults;
using PatchHound.Api.Auth;
using PatchHound.Infrastructure.Persistence;
using PatchHound.Reads.Paging;
using PatchHound.Reads.Settings;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>Platform operators decide who belongs to a tenant and with which role. Each change is audited in that tenant.</summary>
internal static class MembershipsAdminApi
{
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

    private static async Task<Results<Created<MembershipDto>, ProblemHttpResult, ValidationProblem>> AddAsync(
        Guid id, AddMembershipRequest request, MembershipCommands commands, CancellationToken cancellationToken) =>
        (await commands.AddAsync(id, request, cancellationToken))
            .ToHttp(added => TypedResults.Created($"/api/admin/tenants/{id}/memberships/{added.UserId}", added));

    private static async Task<Results<Ok<MembershipDto>, ProblemHttpResult, ValidationProblem>> ChangeRoleAsync(
        Guid id, Guid userId, ChangeMembershipRoleRequest request, MembershipCommands commands, CancellationToken cancellationToken) =>
        (await commands.ChangeRoleAsync(id, userId, request, cancellationToken)).ToHttp(TypedResults.Ok);

    private static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> RemoveAsync(
        Guid id, Guid userId, MembershipCommands commands, CancellationToken cancellationToken) =>
        (await commands.RemoveAsync(id, userId, cancellationToken)).ToHttp(_ => TypedResults.NoContent());
}
