using System.Security.Claims;
using PatchHound.Core.Identity;
using PatchHound.Infrastructure.Realtime;

namespace PatchHound.IntegrationTests.Api.Realtime;

public sealed class RealtimeGroupsTests
{
    private static readonly Guid UserId = Guid.NewGuid();
    private static readonly Guid TenantX = Guid.NewGuid();
    private static readonly Guid TenantY = Guid.NewGuid();

    [Fact]
    public void A_member_joins_the_tenant_its_role_in_it_and_itself_within_it_for_each_membership()
    {
        var caller = Caller(UserId, $"{TenantX}:{TenantRole.TenantAdmin}", $"{TenantY}:{TenantRole.Auditor}");

        RealtimeGroups.For(caller).Should().BeEquivalentTo(
        [
            $"tenant:{TenantX}", $"tenant:{TenantX}:role:TenantAdmin", $"tenant:{TenantX}:user:{UserId}",
            $"tenant:{TenantY}", $"tenant:{TenantY}:role:Auditor", $"tenant:{TenantY}:user:{UserId}",
        ]);
    }

    [Fact]
    public void Malformed_membership_claims_join_nothing_and_a_caller_without_memberships_joins_no_group()
    {
        var caller = Caller(UserId, "not-a-guid:Analyst", $"{TenantX}:Owner", $"{TenantX}", $"{TenantX}:analyst", $"{TenantY}:7", "");

        RealtimeGroups.For(caller).Should().BeEmpty();
        RealtimeGroups.For(Caller(UserId)).Should().BeEmpty("a platform operator without memberships gets no tenant's events");
    }

    [Fact]
    public void A_caller_without_a_user_id_joins_its_tenant_groups_but_no_personal_one()
    {
        var caller = Caller(null, $"{TenantX}:{TenantRole.Analyst}");

        RealtimeGroups.For(caller).Should().BeEquivalentTo([$"tenant:{TenantX}", $"tenant:{TenantX}:role:Analyst"]);
    }

    private static ClaimsPrincipal Caller(Guid? userId, params string[] memberships)
    {
        var claims = memberships.Select(m => new Claim(RealtimeGroups.TenantRoleClaim, m)).ToList();
        if (userId is { } id)
        {
            claims.Add(new Claim(RealtimeGroups.UserIdClaim, id.ToString()));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }
}
