using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Common;
using PatchHound.Core.Identity;

namespace PatchHound.Api.Admin.Tenants;

/// <summary>
/// Gives a user a role in the tenant. A user unknown to PatchHound is created with <see cref="DisplayName"/>, which is
/// then required; for a known user it is ignored.
/// </summary>
// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record AddMembershipRequest(
    [Required, StringLength(User.EmailMaxLength)] string Email,
    [StringLength(Limits.Name)] string? DisplayName,
    [Required] TenantRole? Role);
