using PatchHound.Core.Tenancy;

namespace PatchHound.Reads.Operator;

internal sealed record TenantDto(
    Guid Id,
    string Slug,
    string Name,
    TenantEdition Edition,
    TenantStatus Status,
    TenantSettingsDto Settings,
    DateTimeOffset CreatedAt)
{
    public static TenantDto From(Tenant tenant) => new(
        tenant.Id, tenant.Slug, tenant.Name, tenant.Edition, tenant.Status, TenantSettingsDto.From(tenant.Settings), tenant.CreatedAt);
}
