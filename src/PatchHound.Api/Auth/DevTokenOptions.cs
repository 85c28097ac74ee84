using System.ComponentModel.DataAnnotations;

namespace PatchHound.Api.Auth;

/// <summary>
/// Bound from <c>Authentication:DevTokens</c>: the built-in token issuer for the seeded demo users
/// (<c>POST /auth/dev/token</c>). Demo and local development only: the host refuses to start with it in Production.
/// </summary>
internal sealed class DevTokenOptions : IValidatableObject
{
    public const string Section = "Authentication:DevTokens";

    public const int MinimumKeyBytes = 32;

    public bool Enabled { get; set; }

    /// <summary>
    /// Base64 HMAC-SHA256 key of at least 32 bytes, the same on every replica. Empty: a random key per process,
    /// so tokens survive neither a restart nor a second replica.
    /// </summary>
    public string? SigningKey { get; set; }

    [Required]
    [StringLength(200)]
    public string Issuer { get; set; } = "patchhound-dev";

    [Required]
    [StringLength(200)]
    public string Audience { get; set; } = "patchhound-api";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(SigningKey))
        {
            yield break;
        }

        var bytes = new byte[SigningKey.Length];
        if (!Convert.TryFromBase64String(SigningKey, bytes, out var length) || length < MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Authentication:DevTokens:SigningKey must be base64 of at least {MinimumKeyBytes} bytes.", [nameof(SigningKey)]);
        }
    }
}
