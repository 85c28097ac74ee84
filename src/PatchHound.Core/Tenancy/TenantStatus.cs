namespace PatchHound.Core.Tenancy;

public enum TenantStatus
{
    Active,
    Suspended,
    Deleted,
}
