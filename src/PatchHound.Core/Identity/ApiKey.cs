using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using PatchHound.Core.Common;
using PatchHound.Core.Tenancy;

namespace PatchHound.Core.Identity;

/// <summary>A machine credential of one tenant. Only a SHA-256 hash of the secret is kept.</summary>
public sealed class ApiKey : ITenantOwned
{
    public const int PrefixLength = 8;
    public const int KeyHashLength = 64;
    public const int ScopeMaxLength = 100;
    private const int SecretBytes = 32;

    private ApiKey()
    {
        Name = string.Empty;
        Prefix = string.Empty;
        KeyHash = string.Empty;
        Scopes = [];
    }

    private ApiKey(
        Guid tenantId,
        string name,
        string secret,
        IEnumerable<string> scopes,
        Guid createdByUserId,
        DateTimeOffset createdAt,
        DateTimeOffset expiresAt)
    {
        Guard.After(expiresAt, createdAt, "api_key.invalid_expiry", "An API key must expire after it is created.");

        Id = Ids.New();
        TenantId = Guard.TenantId(tenantId);
        Name = Guard.Text(name, Limits.Name, "api_key.invalid_name", "Name");
        Prefix = secret[..PrefixLength];
        KeyHash = HashSecret(secret);
        Scopes = NormalizeScopes(scopes);
        CreatedByUserId = Guard.Id(createdByUserId, "api_key.creator_required", "CreatedByUserId");
        CreatedAt = createdAt.Utc();
        ExpiresAt = expiresAt.Utc();
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The first characters of the secret: shown to users to tell keys apart, and used to find a key.</summary>
    public string Prefix { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string KeyHash { get; private set; }

    public string[] Scopes { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public static IssuedApiKey Issue(
        Guid tenantId,
        string name,
        IEnumerable<string> scopes,
        Guid createdByUserId,
        DateTimeOffset createdAt,
        DateTimeOffset expiresAt)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        return new IssuedApiKey(new ApiKey(tenantId, name, secret, scopes, createdByUserId, createdAt, expiresAt), secret);
    }

    public static string HashSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Prefix of a presented secret, for the lookup that precedes <see cref="Matches"/>.</summary>
    public static string? PrefixOf(string? secret) =>
        secret is { Length: > PrefixLength } ? secret[..PrefixLength] : null;

    /// <summary>Constant-time comparison, so response timing reveals nothing about the stored hash.</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashSecret(secret)), Encoding.ASCII.GetBytes(KeyHash));

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);

    public bool IsUsableAt(DateTimeOffset at) => (RevokedAt is null || at < RevokedAt) && at < ExpiresAt;

    /// <summary>Idempotent: the first revocation time stands.</summary>
    public void Revoke(DateTimeOffset at) => RevokedAt ??= at.Utc();

    public void RecordUse(DateTimeOffset at)
    {
        Guard.Rule(IsUsableAt(at), "api_key.not_usable", "An expired or revoked API key cannot be used.");
        if (LastUsedAt is null || at > LastUsedAt)
        {
            LastUsedAt = at.Utc();
        }
    }

    private static string[] NormalizeScopes(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var normalized = scopes
            .Select(scope => Guard.Text(scope, ScopeMaxLength, "api_key.invalid_scope", "Scope"))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        Guard.Rule(normalized.Length > 0, "api_key.invalid_scope", "An API key needs at least one scope.");
        return normalized;
    }
}
