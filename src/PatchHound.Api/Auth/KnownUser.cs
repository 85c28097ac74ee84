using PatchHound.Core.Identity;

namespace PatchHound.Api.Auth;

/// <summary>What a signed-in identity is built from: the user row without anything else.</summary>
internal sealed record KnownUser(Guid Id, string Email, string DisplayName, bool IsPlatformOperator, bool IsDisabled)
{
    public static KnownUser From(User user) => new(user.Id, user.Email, user.DisplayName, user.IsPlatformOperator, user.IsDisabled);
}
