using PatchHound.Core.Identity;

namespace PatchHound.Api.Admin.Tenants;

internal sealed record MembershipDto(Guid UserId, string Email, string DisplayName, TenantRole Role);
