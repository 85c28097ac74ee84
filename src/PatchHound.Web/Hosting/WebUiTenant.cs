using PatchHound.Core.Identity;

namespace PatchHound.Web.Hosting;

/// <summary>A tenant the caller is a member of, with the caller's roles in it.</summary>
public sealed record WebUiTenant(Guid Id, string Slug, IReadOnlyList<TenantRole> Roles)
{
    /// <summary>Admins and analysts work findings and cases; auditors only read.</summary>
    public bool CanWork => Roles.Contains(TenantRole.TenantAdmin) || Roles.Contains(TenantRole.Analyst);

    public bool IsAdmin => Roles.Contains(TenantRole.TenantAdmin);
}
