using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Tenancy;

namespace PatchHound.Api.Admin.Tenants;

/// <param name="IngestionRetryCount">Retries of a failed ingestion run before it is dead-lettered.</param>
/// <param name="TimeZone">An IANA time zone, e.g. <c>Europe/Amsterdam</c>.</param>
// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record TenantSettingsRequest(
    [Required, Range(0, TenantSettings.MaxIngestionRetryCount)] int? IngestionRetryCount,
    [Required, StringLength(TenantSettings.TimeZoneMaxLength)] string TimeZone);
