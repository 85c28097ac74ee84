namespace PatchHound.DefenderSimulator.Auth;

/// <summary>A checked bearer token: the tenant and client it was issued to, or why it was refused.</summary>
public sealed record TokenValidation(string? TenantId, string? ClientId, string? Error)
{
    public bool IsValid => Error is null;

    public static TokenValidation Refused(string error) => new(null, null, error);
}
