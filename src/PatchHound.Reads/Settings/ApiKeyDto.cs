using PatchHound.Core.Identity;

namespace PatchHound.Reads.Settings;

/// <summary>An API key as listed: never its secret nor its hash.</summary>
internal sealed record ApiKeyDto(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    Guid CreatedByUserId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    string Status)
{
    public static ApiKeyDto From(ApiKey key, DateTimeOffset now) => new(
        key.Id, key.Name, key.Prefix, key.Scopes, key.CreatedByUserId, key.CreatedAt, key.ExpiresAt, key.RevokedAt, key.LastUsedAt,
        key.RevokedAt is not null ? "revoked" : key.ExpiresAt <= now ? "expired" : "active");
}
