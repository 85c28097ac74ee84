using PatchHound.Core.Common;

namespace PatchHound.Core.Tenancy;

/// <summary>Per-tenant knobs, stored in the tenant's own row. Replaced as a whole, never edited in place.</summary>
public sealed class TenantSettings
{
    public const int DefaultIngestionRetryCount = 3;
    public const int MaxIngestionRetryCount = 20;
    public const string DefaultTimeZone = "UTC";
    public const int TimeZoneMaxLength = 64;

    public TenantSettings()
        : this(DefaultIngestionRetryCount, DefaultTimeZone)
    {
    }

    public TenantSettings(int ingestionRetryCount, string timeZone)
    {
        Guard.Rule(
            ingestionRetryCount is >= 0 and <= MaxIngestionRetryCount,
            "tenant.invalid_settings",
            $"IngestionRetryCount must be between 0 and {MaxIngestionRetryCount}.");
        var zone = Guard.Text(timeZone, TimeZoneMaxLength, "tenant.invalid_settings", "TimeZone");
        Guard.Rule(
            TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _),
            "tenant.invalid_settings",
            $"TimeZone \"{zone}\" is not a known time zone.");

        IngestionRetryCount = ingestionRetryCount;
        TimeZone = zone;
    }

    public int IngestionRetryCount { get; private set; }

    public string TimeZone { get; private set; }
}
