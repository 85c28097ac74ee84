namespace PatchHound.Core.Tenancy;

public enum TenantEdition
{
    Free,
    Standard,
    Enterprise,
}
