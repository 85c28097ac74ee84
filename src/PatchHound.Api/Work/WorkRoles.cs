using PatchHound.Core.Identity;

namespace PatchHound.Api.Work;

/// <summary>Who may do what in the operational endpoints (cases, approvals, acceptances, notifications, audit).</summary>
internal static class WorkRoles
{
    /// <summary>Everyone in the tenant reads.</summary>
    public static readonly TenantRole[] Readers = [TenantRole.TenantAdmin, TenantRole.Analyst, TenantRole.Auditor];

    /// <summary>Operational writes; auditors only read.</summary>
    public static readonly TenantRole[] Workers = [TenantRole.TenantAdmin, TenantRole.Analyst];

    /// <summary>Deciding approvals and revoking acceptances.</summary>
    public static readonly TenantRole[] Approvers = [TenantRole.TenantAdmin];

    public static readonly TenantRole[] AuditReaders = [TenantRole.TenantAdmin, TenantRole.Auditor];
}
