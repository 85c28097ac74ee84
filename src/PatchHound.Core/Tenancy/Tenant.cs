using System.Text.RegularExpressions;
using PatchHound.Core.Common;

namespace PatchHound.Core.Tenancy;

/// <summary>A customer of the platform. Global: the root every tenant-owned row points to.</summary>
public sealed partial class Tenant
{
    public const int SlugMinLength = 3;
    public const int SlugMaxLength = 63;

    private static readonly TransitionTable<TenantStatus> Transitions = new(
        "tenant.invalid_transition",
        "tenant",
        (TenantStatus.Active, TenantStatus.Suspended),
        (TenantStatus.Suspended, TenantStatus.Active),
        (TenantStatus.Active, TenantStatus.Deleted),
        (TenantStatus.Suspended, TenantStatus.Deleted));

    private Tenant()
    {
        Slug = string.Empty;
        Name = string.Empty;
        Settings = new TenantSettings();
    }

    public Tenant(string slug, string name, TenantEdition edition, DateTimeOffset createdAt)
    {
        Guard.Rule(
            IsValidSlug(slug),
            "tenant.invalid_slug",
            $"A tenant slug is {SlugMinLength} to {SlugMaxLength} lower-case letters, digits or hyphens, "
            + "starting and ending with a letter or digit.");

        Id = Ids.New();
        Slug = slug;
        Name = Guard.Text(name, Limits.Name, "tenant.invalid_name", "Name");
        Edition = edition;
        Status = TenantStatus.Active;
        Settings = new TenantSettings();
        CreatedAt = createdAt.Utc();
    }

    public Guid Id { get; private set; }

    public string Slug { get; private set; }

    public string Name { get; private set; }

    public TenantEdition Edition { get; private set; }

    public TenantStatus Status { get; private set; }

    public TenantSettings Settings { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Slugs appear in URLs and host names, so they follow DNS label rules.</summary>
    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    public void Rename(string name) => Name = Guard.Text(name, Limits.Name, "tenant.invalid_name", "Name");

    public void ChangeEdition(TenantEdition edition) => Edition = edition;

    public void ChangeSettings(TenantSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
    }

    public void Suspend() => MoveTo(TenantStatus.Suspended);

    public void Reactivate() => MoveTo(TenantStatus.Active);

    public void Delete() => MoveTo(TenantStatus.Deleted);

    private void MoveTo(TenantStatus status)
    {
        Transitions.Ensure(Status, status);
        Status = status;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
