using PatchHound.Core.Identity;

namespace PatchHound.Web.Hosting;

/// <summary>A tenant the caller is a member of, with the caller's roles in it (and the caller's user id, once entered).</summary>
public sealed record WebUiTenant(Guid Id, string Slug, IReadOnlyList<TenantRole> Roles, Guid? UserId = null)
{
    /// <summary>Admins and analysts work findings and cases; auditors only read.</summary>
    public bool CanWork => Roles.Contains(TenantRole.TenantAdmin) || Roles.Contains(TenantRole.Analyst);

    public bool IsAdmin => Roles.Contains(TenantRole.TenantAdmin);

    /// <summary>The audit log API's rule: TenantAdmins and Auditors read audit trails.</summary>
    public bool CanReadAudit => IsAdmin || Roles.Contains(TenantRole.Auditor);
}
