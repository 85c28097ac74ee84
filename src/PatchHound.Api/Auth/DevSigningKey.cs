using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PatchHound.Api.Auth;

/// <summary>The key the dev token issuer signs with and the <c>DevToken</c> scheme verifies with.</summary>
internal sealed class DevSigningKey(IOptions<DevTokenOptions> options)
{
    public SymmetricSecurityKey Key { get; } = new(
        string.IsNullOrEmpty(options.Value.SigningKey)
            ? RandomNumberGenerator.GetBytes(DevTokenOptions.MinimumKeyBytes)
            : Convert.FromBase64String(options.Value.SigningKey))
    {
        KeyId = "patchhound-dev",
    };
}
