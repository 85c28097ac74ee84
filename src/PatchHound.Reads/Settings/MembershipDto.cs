using PatchHound.Core.Identity;

namespace PatchHound.Reads.Settings;

internal sealed record MembershipDto(Guid UserId, string Email, string DisplayName, TenantRole Role);
