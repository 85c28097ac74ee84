using PatchHound.Core.Tenancy;

namespace PatchHound.Reads.Operator;

internal sealed record TenantSettingsDto(int IngestionRetryCount, string TimeZone)
{
    public static TenantSettingsDto From(TenantSettings settings) => new(settings.IngestionRetryCount, settings.TimeZone);
}
