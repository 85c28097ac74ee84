namespace PatchHound.Infrastructure.Tenancy;

/// <summary>
/// The tenant that the current request or job acts for. One instance per DI scope; it is set once
/// (by the request pipeline or a job filter) and every query, write and database session reads it.
/// </summary>
public sealed class TenantContext
{
    public Guid? TenantId { get; private set; }

    /// <summary>True only inside an explicit, audited <see cref="PlatformAccess"/> scope.</summary>
    public bool IsPlatformScope { get; private set; }

    public bool HasTenant => TenantId is not null;

    public void Enter(Guid tenantId)
    {
        if (tenantId == Guid.Empty)
        {
            throw new TenantAccessException("A tenant id must not be empty.");
        }

        if (TenantId is { } current && current != tenantId)
        {
            throw new TenantAccessException(
                $"This scope already acts for tenant {current}; it cannot switch to tenant {tenantId}. Start a new scope.");
        }

        TenantId = tenantId;
    }

    internal void EnterPlatformScope() => IsPlatformScope = true;

    internal void LeavePlatformScope() => IsPlatformScope = false;

    public Guid RequireTenantId() =>
        TenantId ?? throw new TenantAccessException("No tenant is in scope for this operation.");
}
