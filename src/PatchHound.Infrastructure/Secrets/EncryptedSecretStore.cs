using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PatchHound.Core.Secrets;
using PatchHound.Core.Sources;
using PatchHound.Infrastructure.Persistence;

namespace PatchHound.Infrastructure.Secrets;

/// <summary>
/// The self-hosted secret store: one AES-256-GCM sealed row per tenant and name in <c>encrypted_secrets</c>, sealed
/// with the active key of <see cref="SecretKeyRing"/>. The database never sees a value; the keys never see the database.
/// </summary>
public sealed class EncryptedSecretStore(PatchHoundDbContext db, SecretKeyRing keys, TimeProvider clock, ILogger<EncryptedSecretStore> logger)
    : ISecretStore
{
    public async Task<string> WriteAsync(Guid tenantId, string name, string value, CancellationToken cancellationToken)
    {
        SecretName.Ensure(name);
        db.Tenant.Enter(tenantId);
        var (keyId, key) = keys.Active;
        var (nonce, ciphertext) = SecretSealer.Seal(key, tenantId, name, value);
        var secret = new EncryptedSecret(tenantId, name, keyId, nonce, ciphertext, clock.GetUtcNow());

        // One statement, so two writers of the same name at once end with one row (the last write), not an error.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO encrypted_secrets (id, tenant_id, name, key_id, nonce, ciphertext, created_at, updated_at)
            VALUES ({secret.Id}, {secret.TenantId}, {secret.Name}, {secret.KeyId}, {secret.Nonce}, {secret.Ciphertext}, {secret.CreatedAt}, {secret.UpdatedAt})
            ON CONFLICT (tenant_id, name) DO UPDATE
            SET key_id = excluded.key_id, nonce = excluded.nonce, ciphertext = excluded.ciphertext, updated_at = excluded.updated_at
            """, cancellationToken);
        logger.LogInformation("Sealed secret {Secret} of tenant {TenantId} with key {KeyId}", name, tenantId, keyId);
        return Reference(name);
    }

    public async Task<string> ResolveAsync(Guid tenantId, string name, CancellationToken cancellationToken)
    {
        if (!SecretName.IsValid(name))
        {
            throw new SecretResolutionException("The store secret name is not valid.");
        }

        db.Tenant.Enter(tenantId);
        var row = await db.EncryptedSecrets.AsNoTracking()
            .Where(s => s.TenantId == tenantId && s.Name == name)
            .Select(s => new { s.KeyId, s.Nonce, s.Ciphertext })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new SecretResolutionException($"The secret {Reference(name)} does not exist.");
        return Open(tenantId, name, row.KeyId, row.Nonce, row.Ciphertext);
    }

    public async Task DeleteAsync(Guid tenantId, string name, CancellationToken cancellationToken)
    {
        db.Tenant.Enter(tenantId);
        var deleted = await db.EncryptedSecrets.Where(s => s.TenantId == tenantId && s.Name == name).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted secret {Secret} of tenant {TenantId}", name, tenantId);
        }
    }

    /// <summary>Re-seals the tenant's secrets that another key sealed with the active key.</summary>
    /// <returns>How many secrets were re-sealed. A secret rewritten meanwhile is skipped: the write used the active key.</returns>
    public async Task<int> RotateAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        db.Tenant.Enter(tenantId);
        var (activeKeyId, activeKey) = keys.Active;
        var secrets = await db.EncryptedSecrets.Where(s => s.TenantId == tenantId).ToListAsync(cancellationToken);
        var rotated = 0;
        foreach (var secret in secrets.Where(s => !keys.IsActive(s.KeyId)))
        {
            var value = Open(tenantId, secret.Name, secret.KeyId, secret.Nonce, secret.Ciphertext);
            var (nonce, ciphertext) = SecretSealer.Seal(activeKey, tenantId, secret.Name, value);
            secret.Seal(activeKeyId, nonce, ciphertext, clock.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                rotated++;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(secret).State = EntityState.Detached;
            }
        }

        logger.LogInformation("Re-sealed {Count} secrets of tenant {TenantId} with key {KeyId}", rotated, tenantId, activeKeyId);
        return rotated;
    }

    private string Open(Guid tenantId, string name, string keyId, byte[] nonce, byte[] ciphertext)
    {
        var key = keys.Find(keyId) ?? throw new SecretResolutionException(
            $"The secret {Reference(name)} is sealed with key '{keyId}', which is not in SecretStore:Keys.");
        try
        {
            return SecretSealer.Open(key, tenantId, name, nonce, ciphertext);
        }
        catch (CryptographicException)
        {
            logger.LogError("Secret {Secret} of tenant {TenantId} failed authentication with key {KeyId}", name, tenantId, keyId);
            throw new SecretResolutionException(
                $"The secret {Reference(name)} cannot be opened: key '{keyId}' does not match it, or its row was altered, "
                + "or copied or moved from another tenant or name.");
        }
    }

    private static string Reference(string name) => $"{SecretReference.StoreScheme}://{name}";
}
