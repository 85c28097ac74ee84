using PatchHound.Core.Common;

namespace PatchHound.Core.Identity;

/// <summary>A person who signs in. Global: one user may belong to several tenants through memberships.</summary>
public sealed class User
{
    public const int EmailMaxLength = 320;
    public const int ExternalSubjectMaxLength = 255;

    private User()
    {
        Email = string.Empty;
        DisplayName = string.Empty;
    }

    public User(string email, string displayName, DateTimeOffset createdAt)
    {
        Id = Ids.New();
        Email = NormalizeEmail(email);
        DisplayName = Guard.Text(displayName, Limits.Name, "user.invalid_display_name", "DisplayName");
        CreatedAt = createdAt.Utc();
    }

    public Guid Id { get; private set; }

    public string Email { get; private set; }

    public string DisplayName { get; private set; }

    /// <summary>The OIDC <c>sub</c> claim, once the user has signed in through the identity provider.</summary>
    public string? ExternalSubject { get; private set; }

    public bool IsPlatformOperator { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? DisabledAt { get; private set; }

    public bool IsDisabled => DisabledAt is not null;

    /// <summary>The form e-mail addresses are stored and looked up in.</summary>
    public static string NormalizeEmail(string email)
    {
        var normalized = Guard.Text(email, EmailMaxLength, "user.invalid_email", "Email").ToLowerInvariant();
        var at = normalized.IndexOf('@', StringComparison.Ordinal);
        Guard.Rule(
            at > 0 && at == normalized.LastIndexOf('@') && at < normalized.Length - 1 && !normalized.Any(char.IsWhiteSpace),
            "user.invalid_email",
            "Email must look like name@domain.");
        return normalized;
    }

    public void Rename(string displayName) =>
        DisplayName = Guard.Text(displayName, Limits.Name, "user.invalid_display_name", "DisplayName");

    /// <summary>Binds the identity-provider subject on first sign-in; a different subject later is refused.</summary>
    public void LinkExternalSubject(string subject)
    {
        var value = Guard.Text(subject, ExternalSubjectMaxLength, "user.invalid_subject", "ExternalSubject");
        Guard.Rule(
            ExternalSubject is null || ExternalSubject == value,
            "user.subject_already_linked",
            "This user is already linked to another identity-provider subject.");
        ExternalSubject = value;
    }

    public void GrantPlatformOperator() => IsPlatformOperator = true;

    public void RevokePlatformOperator() => IsPlatformOperator = false;

    public void Disable(DateTimeOffset at) => DisabledAt ??= at.Utc();

    public void Enable() => DisabledAt = null;
}
