namespace PatchHound.Reads.Settings;

/// <summary>Keyset position in a tenant's membership list, which is ordered by the members' e-mail addresses.</summary>
internal sealed record MembershipCursor(string Email);
