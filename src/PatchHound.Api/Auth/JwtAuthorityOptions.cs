using System.ComponentModel.DataAnnotations;

namespace PatchHound.Api.Auth;

/// <summary>
/// Bound from <c>Authentication:Jwt</c>: bearer tokens of an OpenID Connect authority (Microsoft Entra ID by default).
/// Without an <see cref="Authority"/> the API accepts no identity-provider tokens.
/// </summary>
internal sealed class JwtAuthorityOptions : IValidatableObject
{
    public const string Section = "Authentication:Jwt";

    /// <summary>E.g. <c>https://login.microsoftonline.com/{tenant-id}/v2.0</c>; its discovery document names the issuer and keys.</summary>
    [Url]
    public string? Authority { get; set; }

    /// <summary>The <c>aud</c> the tokens must carry, e.g. <c>api://patchhound</c> (v1 tokens) or the application's client id (v2 tokens).</summary>
    [StringLength(500)]
    public string? Audience { get; set; }

    /// <summary>Further accepted audiences, e.g. both the App ID URI and the client id.</summary>
    public string[]? AdditionalAudiences { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Claims naming the person at the identity provider, first present wins. Entra: <c>oid</c> (stable across apps).</summary>
    public string[]? SubjectClaims { get; set; }

    /// <summary>Claims holding the e-mail used to find the PatchHound user on the first sign-in, first present wins.</summary>
    public string[]? EmailClaims { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    // Configuration binding appends to array defaults instead of replacing them, so the defaults live here.
    public IReadOnlyList<string> EffectiveSubjectClaims => SubjectClaims is { Length: > 0 } ? SubjectClaims : ["oid", "sub"];

    public IReadOnlyList<string> EffectiveEmailClaims => EmailClaims is { Length: > 0 } ? EmailClaims : ["preferred_username", "email", "upn"];

    public IReadOnlyList<string> Audiences =>
        new[] { Audience }.Concat(AdditionalAudiences ?? []).OfType<string>().Where(a => a.Length > 0).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && Audiences.Count == 0)
        {
            yield return new ValidationResult(
                "Authentication:Jwt:Audience is required with an Authority: tokens meant for other applications must be refused.",
                [nameof(Audience)]);
        }
    }
}
