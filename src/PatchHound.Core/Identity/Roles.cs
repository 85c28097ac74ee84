namespace PatchHound.Core.Identity;

/// <summary>Role names as they appear in claims and authorization policies.</summary>
public static class Roles
{
    public const string PlatformOperator = "PlatformOperator";
    public const string TenantAdmin = nameof(TenantRole.TenantAdmin);
    public const string Analyst = nameof(TenantRole.Analyst);
    public const string Auditor = nameof(TenantRole.Auditor);

    public static string Of(TenantRole role) => role switch
    {
        TenantRole.TenantAdmin => TenantAdmin,
        TenantRole.Analyst => Analyst,
        TenantRole.Auditor => Auditor,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown tenant role."),
    };
}
