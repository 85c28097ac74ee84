using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Identity;

/// <summary>What a user may do inside one tenant.</summary>
public sealed class TenantMembership : ITenantOwned
{
    private TenantMembership()
    {
    }

    public TenantMembership(Guid tenantId, Guid userId, TenantRole role)
    {
        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        UserId = Guard.Id(userId, "membership.user_required", "UserId");
        Role = role;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid UserId { get; private set; }

    public TenantRole Role { get; private set; }

    public void ChangeRole(TenantRole role) => Role = role;
}
