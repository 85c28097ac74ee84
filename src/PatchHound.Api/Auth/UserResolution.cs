using PatchHound.Core.Identity;

namespace PatchHound.Api.Auth;

/// <summary>The user a token stands for, or why there is none.</summary>
internal sealed record UserResolution(User? User, string? Refusal)
{
    public static UserResolution Of(User user) => new(user, null);

    public static UserResolution Refused(string reason) => new(null, reason);
}
