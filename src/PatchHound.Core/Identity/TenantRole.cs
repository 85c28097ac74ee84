namespace PatchHound.Core.Identity;

public enum TenantRole
{
    TenantAdmin,
    Analyst,
    Auditor,
}
