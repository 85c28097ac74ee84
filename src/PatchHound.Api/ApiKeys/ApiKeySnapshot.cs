using PatchHound.Core.Identity;

namespace PatchHound.Api.ApiKeys;

/// <summary>What the audit log keeps of a key: no secret, no hash.</summary>
internal sealed record ApiKeySnapshot(string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeySnapshot Of(ApiKey key) => new(key.Name, key.Prefix, key.Scopes, key.ExpiresAt, key.RevokedAt);
}
