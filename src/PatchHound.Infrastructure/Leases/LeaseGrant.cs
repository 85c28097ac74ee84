namespace PatchHound.Infrastructure.Leases;

/// <summary>Proof of holding a lease: the key and the token of this acquisition.</summary>
public sealed record LeaseGrant(string Key, string Owner, Guid Token, DateTimeOffset ExpiresAt);
