using System.ComponentModel.DataAnnotations;
using PatchHound.Core.Identity;

namespace PatchHound.Api.Admin.Tenants;

// Public because the .NET 10 validation generator skips internal types, which would go unvalidated.
public sealed record ChangeMembershipRoleRequest([Required] TenantRole? Role);
