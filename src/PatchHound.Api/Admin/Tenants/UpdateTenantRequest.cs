using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>Replaces the tenant's name, edition and settings (the slug never changes).</summary>
// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record UpdateTenantRequest(
    [Required, StringLength(Limits.Name)] string Name,
    [Required] TenantEdition? Edition,
    [Required] TenantSettingsRequest Settings);
