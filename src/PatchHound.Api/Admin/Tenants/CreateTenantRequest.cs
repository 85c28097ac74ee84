using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>A new tenant. Its slug (3 to 63 lower-case letters, digits or hyphens) is used in URLs and never changes.</summary>
// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record CreateTenantRequest(
    [Required, StringLength(Tenant.SlugMaxLength, MinimumLength = Tenant.SlugMinLength)] string Slug,
    [Required, StringLength(Limits.Name)] string Name,
    [Required] TenantEdition? Edition);
